using Cpaas.Operator.Entities.Summary;

namespace Cpaas.Operator.Reconciliation;

/// <summary>Secondary indexes of the CpaasProject cache (of <see cref="CpaasProjectSummary"/>).</summary>
public static class ProjectIndexes
{
    /// <summary>The app ids a resource holds or asks for (status.appId, the app-id annotation, spec.appId): finds competing claims.</summary>
    public const string ByAppId = "byAppId";

    /// <summary>The connection Secret a resource writes (namespace/name): a Secret of someone else's at that name blocks it.</summary>
    public const string ByConnectionSecret = "byConnectionSecret";

    public static IEnumerable<string> AppIds(CpaasProjectSummary resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new[] { resource.Status?.AppId, IdentitySources.Annotation(resource), resource.Spec.AppId }.OfType<string>().Distinct(StringComparer.Ordinal);
    }

    public static IEnumerable<string> ConnectionSecrets(CpaasProjectSummary resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return [ConnectionSecretKey(resource.Metadata.NamespaceProperty, resource.EffectiveConnectionSecretName())];
    }

    /// <summary>The <see cref="ByConnectionSecret"/> index value of a Secret.</summary>
    public static string ConnectionSecretKey(string? ns, string name) => $"{ns}/{name}";
}

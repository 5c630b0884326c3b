using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary>Secondary indexes of the CpaasProject cache.</summary>
public static class ProjectIndexes
{
    /// <summary>The app ids a resource holds or asks for (status.appId, spec.appId): finds competing claims.</summary>
    public const string ByAppId = "byAppId";

    /// <summary>The Secrets (namespace/name) a resource reads: maps Secret events to the resources to reconcile.</summary>
    public const string BySecret = "bySecret";

    public static IEnumerable<string> AppIds(CpaasProject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new[] { resource.Status?.AppId, resource.Spec.AppId }.OfType<string>().Distinct(StringComparer.Ordinal);
    }

    public static IEnumerable<string> Secrets(CpaasProject resource) =>
        ReferencedSecrets.Of(resource).Select(key => key.ToString());
}

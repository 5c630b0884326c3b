using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary>Secondary indexes of the CpaasProject cache.</summary>
public static class ProjectIndexes
{
    /// <summary>The app ids a resource holds or asks for (status.appId, spec.appId): finds competing claims.</summary>
    public const string ByAppId = "byAppId";

    public static IEnumerable<string> AppIds(CpaasProject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new[] { resource.Status?.AppId, resource.Spec.AppId }.OfType<string>().Distinct(StringComparer.Ordinal);
    }
}

using Cpaas.Operator.Entities;
using k8s;
using k8s.Models;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// The three places a resource names its project: status.appId (written by the operator), the annotation
/// cpaas.enablex.io/app-id (the operator's mirror of it, which survives backup/restore and re-applied exports), and
/// spec.appId (a person's choice). Pure: which app id they agree on, or the conflict.
/// </summary>
public static class IdentitySources
{
    /// <summary>The app id the resource holds, or null when none of the three names one.</summary>
    /// <exception cref="ReconcileProblem">IdentityConflict: two of them name different projects (no call is made).</exception>
    public static string? AgreedAppId(CpaasProject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var named = new List<(string Source, string AppId)>(3);
        Add(named, "status.appId", resource.Status?.AppId);
        Add(named, $"annotation {WellKnownNames.Annotations.AppId}", Annotation(resource));
        Add(named, "spec.appId", resource.Spec.AppId);
        if (named.Count == 0)
        {
            return null;
        }

        if (named.Any(n => !string.Equals(n.AppId, named[0].AppId, StringComparison.Ordinal)))
        {
            throw new ReconcileProblem(ProblemCategory.NeedsPerson, WellKnownNames.Reasons.IdentityConflict,
                $"The resource names different projects: {string.Join(", ", named.Select(n => $"{n.Source} {n.AppId}"))}; " +
                $"make them agree (or remove the wrong one) so the operator knows which project this is; no CPaaS call is made until then");
        }

        return named[0].AppId;
    }

    /// <summary>The app-id annotation's value, if any.</summary>
    public static string? Annotation(IKubernetesObject<V1ObjectMeta> resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Metadata.Annotations is { } annotations &&
               annotations.TryGetValue(WellKnownNames.Annotations.AppId, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : null;
    }

    private static void Add(List<(string Source, string AppId)> named, string source, string? appId)
    {
        if (!string.IsNullOrWhiteSpace(appId))
        {
            named.Add((source, appId));
        }
    }
}

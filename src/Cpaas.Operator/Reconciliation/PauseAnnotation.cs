using Cpaas.Operator.Entities;
using k8s;
using k8s.Models;

namespace Cpaas.Operator.Reconciliation;

/// <summary>The pause annotation (docs/RECONCILE.md step 3): <c>cpaas.enablex.io/paused: "true"</c>.</summary>
public static class PauseAnnotation
{
    /// <summary>The resource (whole or its cached summary) carries the pause annotation.</summary>
    public static bool IsPaused(IKubernetesObject<V1ObjectMeta> resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Metadata.Annotations?.TryGetValue(WellKnownNames.Annotations.Paused, out var value) == true &&
               string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
    }
}

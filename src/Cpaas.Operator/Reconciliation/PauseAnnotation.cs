using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary>The pause annotation (docs/RECONCILE.md step 3): <c>cpaas.enablex.io/paused: "true"</c>.</summary>
public static class PauseAnnotation
{
    public static bool IsPaused(CpaasProject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Metadata.Annotations?.TryGetValue(WellKnownNames.Annotations.Paused, out var value) == true &&
               string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
    }
}

using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// A reconcile asked for on demand (docs/RECONCILE.md, "On-demand reconcile"): a new value of the annotation
/// cpaas.enablex.io/reconcile-requested-at, echoed in status.lastHandledReconcileAt once handled (Flux's
/// reconcile.fluxcd.io/requestedAt convention). Pure.
/// </summary>
public static class ReconcileRequest
{
    /// <summary>The annotation's value, if any.</summary>
    public static string? Value(CpaasProject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Metadata.Annotations is { } annotations &&
               annotations.TryGetValue(WellKnownNames.Annotations.ReconcileRequestedAt, out var value) &&
               !string.IsNullOrEmpty(value)
            ? value
            : null;
    }

    /// <summary>Whether the resource carries a request that status does not record as handled.</summary>
    public static bool IsPending(CpaasProject resource) =>
        Value(resource) is { } value && !string.Equals(value, resource.Status?.LastHandledReconcileAt, StringComparison.Ordinal);
}

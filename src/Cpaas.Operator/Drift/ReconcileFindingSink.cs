using Controller.Runtime;
using Cpaas.Operator.Reconciliation;

namespace Cpaas.Operator.Drift;

/// <summary>
/// Turns sweep findings into reconciles (docs/decisions/0040-drift-sweep.md, 0042): every finding, an unchecked own
/// write included, asks for a full observe on the resource's next reconcile and enqueues it at high priority. The
/// reconcile's GET then drives the repair (the minimal Edit or PATCH, or the Secret taking the new key with a
/// KeyChangedOutOfBand event, never a reset_key) and records the updated_at it showed, so the next sweep does not ask again.
/// </summary>
public sealed class ReconcileFindingSink(ObserveSchedule schedule, Action<ObjectKey> enqueue) : IDriftFindingSink
{
    public void Report(DriftFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        schedule.RequestObserve(finding.Resource);
        enqueue(finding.Resource);
    }
}

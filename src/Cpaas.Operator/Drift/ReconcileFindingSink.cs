using Controller.Runtime;
using Controller.Runtime.Queue;
using Cpaas.Operator.Reconciliation;

namespace Cpaas.Operator.Drift;

/// <summary>
/// Turns sweep findings into reconciles (docs/decisions/0040-drift-sweep.md, 0042): every finding asks for a full
/// observe on the resource's next reconcile and enqueues it. A finding of drift (or of a change the sweep cannot rule
/// out) is high priority; one that only asks to check (the operator's own write, an updated_at in the same second as
/// the last GET) is low priority, in the work queue and in the account's rate budget, so a burst of checks after a
/// burst of the operator's own writes never makes a user's change wait (docs/decisions/0041). The reconcile's GET
/// then drives the repair (the minimal Edit or PATCH at high priority, or the Secret taking the new key with a
/// KeyChangedOutOfBand event, never a reset_key) and records the updated_at it showed, so the next sweep does not ask again.
/// </summary>
public sealed class ReconcileFindingSink(ObserveSchedule schedule, Action<ObjectKey, WorkPriority> enqueue) : IDriftFindingSink
{
    public void Report(DriftFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var checkOnly = finding.Kinds.All(kind => kind is DriftFindingKind.OwnWriteUnchecked or DriftFindingKind.UpdatedAtUnsettled);
        schedule.RequestObserve(finding.Resource, checkOnly ? ObserveReason.Check : ObserveReason.Drift);
        enqueue(finding.Resource, checkOnly ? WorkPriority.Low : WorkPriority.High);
    }
}

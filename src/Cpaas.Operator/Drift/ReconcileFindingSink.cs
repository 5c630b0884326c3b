using Controller.Runtime;
using Cpaas.Operator.Reconciliation;

namespace Cpaas.Operator.Drift;

/// <summary>
/// Turns sweep findings into reconciles (docs/decisions/0040-drift-sweep.md): a project whose updated_at moved only
/// by the operator's own write has that updated_at recorded and costs nothing more; anything else (Edit-level drift,
/// a change since the last converge, a key reset outside the operator) asks for a full observe on the resource's
/// next reconcile and enqueues it at high priority. The reconcile's GET then drives the repair: the minimal Edit or
/// PATCH, or the Secret taking the new key with a KeyChangedOutOfBand event (never a reset_key).
/// </summary>
public sealed class ReconcileFindingSink(ObserveSchedule schedule, ProjectUpdatedAt updatedAt, Action<ObjectKey> enqueue) : IDriftFindingSink
{
    public void Report(DriftFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (finding.Kinds.Count == 1 && finding.Has(DriftFindingKind.UpdatedByOwnWrite))
        {
            if (finding.ListedUpdatedAt is { } listed)
            {
                updatedAt.OwnWriteListed(finding.Resource, listed);
            }

            return;
        }

        schedule.RequestObserve(finding.Resource);
        enqueue(finding.Resource);
    }
}

using Controller.Runtime;
using Controller.Runtime.Client;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Runs the finalizer of a resource being deleted (docs/RECONCILE.md, "Deletion"): Suspend or Retain by its
/// deletion policy, and the finalizer always comes off in the end; only a transient CPaaS failure within the retry
/// window delays it.
/// </summary>
public sealed class ProjectFinalizer(
    DeletionSuspender suspender,
    MetadataWriter metadata,
    SuspendedForDeletionMemory suspended,
    ActivityRecorder activity)
{
    /// <summary>Null when deletion may go on; a problem when the Suspend must be retried first.</summary>
    public async Task<ReconcileProblem?> FinalizeAsync(CpaasProject resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Metadata.Finalizers?.Contains(WellKnownNames.Finalizer) != true)
        {
            return null;
        }

        var key = ObjectKey.From(resource);
        var appId = resource.Status?.AppId ?? resource.Spec.AppId;
        if (suspended.Contains(key, resource.Metadata.Uid))
        {
            // Suspended by an earlier attempt whose finalizer removal hit a conflict: only the removal is left.
        }
        else if (resource.EffectiveDeletionPolicy() == DeletionPolicy.Suspend && appId is not null)
        {
            var outcome = await suspender.SuspendAsync(resource, appId, cancellationToken);
            if (outcome.Retry is not null)
            {
                return outcome.Retry;
            }

            if (outcome.Suspended)
            {
                suspended.Record(key, resource.Metadata.Uid);
            }
        }
        else
        {
            activity.Retained(appId);
        }

        try
        {
            await metadata.RemoveFinalizerAsync(resource, cancellationToken);
        }
        catch (KubeApiException error) when (error.IsNotFound)
        {
            // Already gone: nothing left to finalize.
        }

        return null;
    }

    public void Forget(ObjectKey key) => suspended.Forget(key);
}

using Controller.Runtime;
using Controller.Runtime.Client;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// The resource's finalizer (docs/RECONCILE.md steps 2 and 4): added before anything is created, and run when the
/// resource is deleted: Suspend or Retain by its deletion policy (managementPolicy Observe never suspends), and the
/// finalizer always comes off in the end; only a transient CPaaS failure within the retry window delays it.
/// </summary>
public sealed class ProjectFinalizer(
    DeletionSuspender suspender,
    MetadataWriter metadata,
    SuspendedForDeletionMemory suspended,
    ActivityRecorder activity)
{
    /// <summary>The finalizer is on the resource (one metadata write the first time).</summary>
    public Task<CpaasProject> EnsureAsync(CpaasProject resource, CancellationToken cancellationToken) =>
        metadata.EnsureFinalizerAsync(resource, cancellationToken);

    /// <exception cref="ReconcileProblem">A transient failure of the Suspend within the retry window: try again.</exception>
    public async Task FinalizeAsync(CpaasProject resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Metadata.Finalizers?.Contains(WellKnownNames.Finalizer) != true)
        {
            return;
        }

        var key = ObjectKey.From(resource);
        var appId = resource.Status?.AppId ?? IdentitySources.Annotation(resource) ?? resource.Spec.AppId;
        if (suspended.Contains(key, resource.Metadata.Uid))
        {
            // Suspended by an earlier attempt whose finalizer removal hit a conflict: only the removal is left.
        }
        else if (resource.EffectiveDeletionPolicy() == DeletionPolicy.Suspend && appId is not null && resource.IsManaged())
        {
            if (await suspender.SuspendAsync(resource, appId, cancellationToken))
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
    }

    public void Forget(ObjectKey key) => suspended.Forget(key);
}

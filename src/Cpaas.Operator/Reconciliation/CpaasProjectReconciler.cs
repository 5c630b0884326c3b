using Controller.Runtime;
using Controller.Runtime.Cache;
using Controller.Runtime.Client;
using Cpaas.Client.Models;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Mapping;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Drives one CpaasProject towards its spec. <see cref="ReconcileAsync"/> reads as the steps of docs/RECONCILE.md;
/// each step is one collaborator that owns one concern (docs/decisions/0020-reconcile-collaborators.md). Every
/// CPaaS call goes through <see cref="IProjectGateway"/>; what to write is decided by <see cref="ProjectPlanner"/>.
/// </summary>
public sealed class CpaasProjectReconciler(
    IReadOnlyCache<CpaasProject> projects,
    ProjectFinalizer finalizer,
    MetadataWriter metadata,
    InputResolver inputs,
    ProjectProvisioner provisioner,
    ObservePolicy observe,
    IProjectGateway gateway,
    KeyRotator rotator,
    ConnectionSecretPublisher publisher,
    StatusWriter status,
    FailureReporter failures,
    ActivityRecorder activity) : IReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        // 1. Load (a copy: the cache's objects are shared). Gone: the Secret goes with its owner reference.
        if (projects.Get(key) is not { } cached)
        {
            ForgetAll(key);
            return ReconcileResult.Done;
        }

        var resource = ObjectCopier.DeepCopy(cached);
        ResolvedInputs? resolved = null;
        try
        {
            // 2-3. Finalize or pause: no sync.
            if (resource.Metadata.DeletionTimestamp is not null)
            {
                observe.Forget(key);
                return await finalizer.FinalizeAsync(resource, cancellationToken) is { } retry
                    ? await failures.ReportAsync(resource, retry, null, cancellationToken)
                    : ReconcileResult.Done;
            }

            if (PauseAnnotation.IsPaused(resource))
            {
                observe.Forget(key);
                await status.WritePausedAsync(resource, cancellationToken);
                return ReconcileResult.Done;
            }

            // 4-6. Finalizer, inputs, the connection Secret's target.
            resource = await metadata.EnsureFinalizerAsync(resource, cancellationToken);
            resolved = await inputs.ResolveAsync(resource, cancellationToken);
            if (failures.IsUnchangedSinceTerminalFailure(resource, resolved))
            {
                return ReconcileResult.Done;
            }

            await publisher.CheckTargetAsync(resource, cancellationToken);
            var desired = resolved.Desired;

            // 7. The project exists: held, adopted or created (and then nothing is configured yet).
            if (await provisioner.EnsureExistsAsync(resource, resolved.Account, desired, cancellationToken) is not { } project)
            {
                return ReconcileResult.Requeue;
            }

            resource = project.Resource;
            var appId = project.AppId;

            // 8. Observe (one GET), unless nothing changed since this process converged it and no check is due.
            ProjectDetails? observed = null;
            if (!project.IsNew)
            {
                if (await observe.TimeUntilObserveAsync(resource, desired, cancellationToken) is { } wait)
                {
                    return ReconcileResult.RequeueAfter(wait);
                }

                observed = await gateway.GetAsync(resolved.Account, appId, cancellationToken);
            }

            // 9. Plan (pure) and apply: only the keys that differ.
            var applied = AppliedInputHashesStatus.Read(resource.Status);
            var knownHostUrl = desired.HasEmbed ? await publisher.ReadHostMeetingUrlAsync(resource, cancellationToken) : null;
            var plan = ProjectPlanner.Plan(desired, observed, applied, refreshEmbedRoom: desired.HasEmbed && knownHostUrl is null);
            var isDrift = plan.ChangedFields.Count > 0 && StatusComposer.IsConverged(resource) && !desired.WriteOnlyInputsChangedSince(applied);
            var room = plan.HasChanges ? await gateway.ApplyAsync(resolved.Account, appId, plan, cancellationToken) : null;
            activity.Applied(resource, plan.ChangedFields, isDrift);

            // 10. Rotate the key if a new token asks for it: right before the Secret is written, so the Secret
            // holds a revoked key for as short a time as possible.
            var currentKey = project.AppKey ?? observed?.AppKey
                ?? throw new ReconcileProblem(ProblemCategory.Transient, WellKnownNames.Reasons.ReconcileError, $"GET project {appId} returned no app_key");
            (resource, var appKey) = await rotator.RotateIfRequestedAsync(resource, resolved.Account, appId, currentKey, cancellationToken);

            // 11-12. Publish the Secret, write the status, schedule the next observe.
            var hostUrl = desired.HasEmbed ? room?.HostMeetingUrl ?? knownHostUrl : null;
            var secret = await publisher.PublishAsync(resource, new ConnectionDetails(appId, appKey, hostUrl), cancellationToken);
            resource = await status.WriteConvergedAsync(resource, new Convergence(appId, observed, plan, desired, room, isDrift), cancellationToken);
            return ReconcileResult.RequeueAfter(observe.RecordConverged(resource, desired, secret));
        }
        catch (Exception error) when (ProblemClassifier.Classify(error) is { } problem)
        {
            observe.Forget(key);
            return await failures.ReportAsync(resource, problem, resolved, cancellationToken);
        }
        catch (KubeApiException error) when (error.IsConflict)
        {
            // The cache was behind the API server: look again once the watch caught up.
            activity.Conflict(error.Reason);
            return ReconcileResult.Requeue;
        }
    }

    private void ForgetAll(ObjectKey key)
    {
        observe.Forget(key);
        provisioner.Forget(key);
        failures.Forget(key);
        finalizer.Forget(key);
    }
}

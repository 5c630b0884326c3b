using Controller.Runtime;
using Controller.Runtime.Cache;
using Controller.Runtime.Client;
using Cpaas.Client;
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
    ProjectUpdatedAt updatedAt,
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

        var resource = ObjectCopier.DeepCopy(cached, OperatorJson.Kube);
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
            // A periodic observe (the safety net behind the drift sweep) is low priority in the account's rate budget.
            ProjectDetails? observed = null;
            var periodic = false;
            if (!project.IsNew)
            {
                var decision = await observe.DecideAsync(resource, desired, cancellationToken);
                if (decision.Wait is { } wait)
                {
                    // An upgrade's status (the previous version's map of hashes) is migrated now, Kubernetes only.
                    if (AppliedInputHashesStatus.NeedsMigration(resource.Status))
                    {
                        await status.WriteAsync(resource, r => AppliedInputHashesStatus.Migrated(r.Status ?? new CpaasProjectStatus()), cancellationToken);
                    }

                    return ReconcileResult.ResyncAfter(wait);
                }

                periodic = decision.IsPeriodic;
                using (periodic ? CpaasRequestPriority.Low() : null)
                {
                    observed = await gateway.GetAsync(resolved.Account, appId, cancellationToken);
                }
            }

            // 9. Plan (pure) and apply: only the keys that differ. Drift the sweep could not see (updated_at had
            // not moved) tells that this account's updated_at cannot be trusted.
            var applied = AppliedInputHashesStatus.Read(resource.Status);
            var knownHostUrl = desired.HasEmbed ? await publisher.ReadHostMeetingUrlAsync(resource, cancellationToken) : null;
            var plan = ProjectPlanner.Plan(desired, observed, applied, refreshEmbedRoom: desired.HasEmbed && knownHostUrl is null);
            var isDrift = plan.ChangedFields.Count > 0 && StatusComposer.IsConverged(resource) && !desired.WriteOnlyInputsChangedSince(applied);
            if (isDrift)
            {
                updatedAt.DriftFound(resource, resolved.Account, observed?.UpdatedAt);
            }

            var room = plan.HasChanges ? await gateway.ApplyAsync(resolved.Account, appId, plan, cancellationToken) : null;
            activity.Applied(resource, plan.ChangedFields, isDrift);

            // 10. Rotate the key if a new token asks for it: right before the Secret is written, so the Secret
            // holds a revoked key for as short a time as possible.
            var currentKey = project.AppKey ?? observed?.AppKey
                ?? throw new ReconcileProblem(ProblemCategory.Transient, WellKnownNames.Reasons.ReconcileError, $"GET project {appId} returned no app_key");
            (resource, var appKey) = await rotator.RotateIfRequestedAsync(resource, resolved.Account, appId, currentKey, cancellationToken);
            var rotated = !string.Equals(appKey, currentKey, StringComparison.Ordinal);

            // 11-12. Publish the Secret, write the status, schedule the next observe. A key GET shows that differs
            // from the Secret this process converged with was reset outside the operator: the Secret takes it
            // (never a reset_key for it).
            var keyChangedOutOfBand = observed is not null && !rotated && await KeyChangedOutOfBandAsync(resource, appKey, cancellationToken);
            var hostUrl = desired.HasEmbed ? room?.HostMeetingUrl ?? knownHostUrl : null;
            var secret = await publisher.PublishAsync(resource, new ConnectionDetails(appId, appKey, hostUrl), cancellationToken);
            if (keyChangedOutOfBand)
            {
                activity.KeyChangedOutOfBand(resource, appId);
            }

            updatedAt.Converged(key, observed?.UpdatedAt, wrote: project.IsNew || plan.HasChanges || rotated);
            var convergence = new Convergence(appId, observed, plan, desired, room, isDrift) { ProjectUpdatedAt = updatedAt.ForStatus(resource) };
            resource = await status.WriteConvergedAsync(resource, convergence, cancellationToken);
            return ReconcileResult.ResyncAfter(observe.RecordConverged(resource, desired, secret));
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

    private async Task<bool> KeyChangedOutOfBandAsync(CpaasProject resource, string appKey, CancellationToken cancellationToken)
    {
        var before = await publisher.ReadAsync(resource, cancellationToken);
        return ConnectionSecret.ReadAppKey(before) is { } held &&
               !string.Equals(held, appKey, StringComparison.Ordinal) &&
               observe.SecretUnchangedSinceConverge(ObjectKey.From(resource), before);
    }

    private void ForgetAll(ObjectKey key)
    {
        observe.Forget(key);
        updatedAt.Forget(key);
        provisioner.Forget(key);
        failures.Forget(key);
        finalizer.Forget(key);
    }
}

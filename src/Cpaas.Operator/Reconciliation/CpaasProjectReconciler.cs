using Controller.Runtime;
using Controller.Runtime.Client;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Mapping;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Drives one CpaasProject towards its spec. <see cref="ReconcileAsync"/> reads as the numbered steps of
/// docs/RECONCILE.md. The steps return what they found or did and never write status: this class composes the
/// status (<see cref="StatusComposer"/>) and is the only caller of <see cref="StatusWriter"/>. Steps fail by throwing
/// (<see cref="ReconcileProblem"/>, the CPaaS client's typed error, or a Kubernetes conflict); this class turns a
/// failure into conditions and a <see cref="ReconcileResult"/> value, terminal ones included
/// (docs/decisions/0066-status-in-one-place-and-one-failure-convention.md).
/// </summary>
public sealed class CpaasProjectReconciler(
    ProjectLoader projects,
    ProjectFinalizer finalizer,
    InputResolver inputs,
    ProjectProvisioner provisioner,
    ProjectSynchronizer synchronizer,
    ConnectionSecretPublisher publisher,
    StatusWriter status,
    FailurePolicy failures) : IReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        // 1. Load: the whole object, read now (the cache holds a summary). Gone: the Secret goes with its owner reference.
        if (await projects.LoadAsync(key, cancellationToken) is not { } resource)
        {
            ForgetAll(key);
            return ReconcileResult.Done;
        }

        ResolvedInputs? resolved = null;
        try
        {
            // 2. Deletion: the deletion policy, then the finalizer comes off.
            if (resource.Metadata.DeletionTimestamp is not null)
            {
                synchronizer.Forget(key);
                await finalizer.FinalizeAsync(resource, cancellationToken);
                return ReconcileResult.Done;
            }

            // 3. Pause: no external call at all. A terminal failure is forgotten: the Paused status replaced its
            // Stalled condition, so resuming must try once more to report it again (not stay "Paused", kstatus Current).
            if (PauseAnnotation.IsPaused(resource))
            {
                synchronizer.Forget(key);
                failures.Forget(key);
                await status.WriteAsync(resource, StatusComposer.Paused, cancellationToken);
                return ReconcileResult.Done;
            }

            // 4-5. Finalizer, inputs (credentials first), the connection Secret's target. A resource stopped on a
            // terminal failure goes no further while none of these changed and no reconcile was requested.
            resource = await finalizer.EnsureAsync(resource, cancellationToken);
            resolved = await inputs.ResolveAsync(resource, cancellationToken);
            var target = await publisher.CheckTargetAsync(resource, cancellationToken);
            if (failures.IsUnchangedSinceTerminalFailure(resource, resolved, target))
            {
                return ReconcileResult.Done;
            }

            // 6. Identity: the project held (status, app-id annotation, spec.appId), adopted, or created once.
            var desired = resolved.Desired;
            var identity = await provisioner.IdentifyAsync(resource, resolved.Account, desired, cancellationToken);
            string? createdKey = null;
            switch (identity)
            {
                case ProjectIdentity.WaitForCache:
                    return ReconcileResult.Requeue;
                case ProjectIdentity.Create:
                    resource = await status.WriteAsync(resource, (r, now) => StatusComposer.Progressing(r, WellKnownNames.Reasons.Creating, $"Creating project '{desired.AppName}'", now), cancellationToken);
                    var created = await provisioner.CreateAsync(resource, resolved.Account, desired, cancellationToken);
                    resource = await RecordIdentityAsync(created.Resource, created.AppId, cancellationToken);
                    createdKey = created.AppKey;
                    identity = new ProjectIdentity.Created(created.AppId);
                    break;
                case ProjectIdentity.Adopt adopt:
                    resource = await RecordIdentityAsync(resource, adopt.AppId, cancellationToken);
                    break;
                case ProjectIdentity.Held { IsAnnotated: false } held:
                    resource = await provisioner.ConfirmAsync(resource, held.AppId, cancellationToken);
                    break;
            }

            var appId = identity.AppId!;
            var isNew = identity is ProjectIdentity.Created;

            // 7. Observe (one GET), unless nothing changed since this process converged it and no check is due.
            var observation = await synchronizer.ObserveAsync(resource, resolved, appId, isNew, cancellationToken);
            if (observation.Wait is { } wait)
            {
                resource = await status.WriteAsync(resource, StatusComposer.Unchanged, cancellationToken);
                return ReconcileResult.ResyncAfter(wait);
            }

            // 8. Plan (pure) and apply only the keys that differ (Manage), or report them (Observe).
            var knownHostUrl = desired.HasEmbed ? await publisher.ReadHostMeetingUrlAsync(resource, cancellationToken) : null;
            var planned = synchronizer.Plan(resource, resolved, observation.Project, refreshEmbedRoom: desired.HasEmbed && knownHostUrl is null);
            var applied = ProjectSynchronizer.Applied.None;
            var wrote = isNew;
            // (No progress write of its own: a spec change leaves status.observedGeneration behind until step 11,
            // which kstatus already reads as in progress.)
            if (resource.IsManaged() && planned.Plan.HasChanges)
            {
                applied = await synchronizer.ApplyAsync(resource, resolved.Account, appId, planned, cancellationToken);
                wrote = true;
            }

            // 9. Rotate the key if a new token asks for it (Manage only): right before the Secret is written, so the
            // Secret holds a revoked key for as short a time as possible. Its progress is recorded before reset_key.
            var currentKey = createdKey ?? observation.Project?.AppKey
                ?? throw new ReconcileProblem(ProblemCategory.Transient, WellKnownNames.Reasons.ReconcileError, $"GET project {appId} returned no app_key");
            var appKey = currentKey;
            var rotated = false;
            if (resource.IsManaged() && KeyRotation.Decide(resource, currentKey) is { } rotation)
            {
                if (rotation.NeedsReset)
                {
                    resource = await status.WriteAsync(resource, (r, now) => StatusComposer.RotationPending(r, rotation.Pending, now), cancellationToken);
                    appKey = await synchronizer.ResetKeyAsync(resource, resolved.Account, appId, rotation.Token, cancellationToken);
                    rotated = wrote = true;
                }

                // Recorded at once: whatever fails later in this reconcile, the token is handled and never reset again.
                resource = await status.WriteAsync(resource, (r, _) => StatusComposer.RotationDone(r, rotation.Token), cancellationToken);
            }

            // 10. Publish the Secret: always the project's current key. A key GET shows that differs from the Secret
            // this process converged with was reset outside the operator (never a reset_key for it).
            var hostUrl = desired.HasEmbed ? applied.Room?.HostMeetingUrl ?? knownHostUrl : null;
            var outOfBandCheck = observation.Project is not null && !rotated ? observation.ConvergedSecretVersion : null;
            var secret = await publisher.PublishAsync(resource, new ConnectionDetails(appId, appKey, hostUrl), outOfBandCheck, cancellationToken);

            // 11. Status, and the next observe.
            var convergence = synchronizer.Converged(resource, desired, appId, observation, planned, applied, wrote);
            resource = await status.WriteAsync(resource, (r, now) => StatusComposer.Converged(r, convergence, now), cancellationToken);
            return ReconcileResult.ResyncAfter(synchronizer.RecordConverged(resource, desired, secret));
        }
        catch (KubeApiException error) when (error.IsConflict)
        {
            // Another writer changed the resource since it was read (or the cache had not seen a Secret yet): look
            // again; the watch brings the change.
            failures.Conflict(error.Reason);
            return ReconcileResult.Requeue;
        }
        catch (Exception error) when (ProblemClassifier.Classify(error) is { } problem)
        {
            synchronizer.Forget(key);
            return await ReportAsync(resource, problem, resolved, cancellationToken);
        }
    }

    /// <summary>status.appId first, then the app-id annotation (and the pending-create marker goes).</summary>
    private async Task<CpaasProject> RecordIdentityAsync(CpaasProject resource, string appId, CancellationToken cancellationToken)
    {
        resource = await status.RecordAppIdAsync(resource, appId, cancellationToken);
        return await provisioner.ConfirmAsync(resource, appId, cancellationToken);
    }

    private async Task<ReconcileResult> ReportAsync(CpaasProject resource, ReconcileProblem problem, ResolvedInputs? resolved, CancellationToken cancellationToken)
    {
        // A terminal failure waits for a change: of the generation, the inputs, or the Secret at the connection name.
        var target = problem.Category == ProblemCategory.InvalidInput ? await publisher.TargetVersionAsync(resource, cancellationToken) : null;
        var failure = failures.Prepare(resource, problem, resolved, target);
        try
        {
            await status.WriteAsync(resource, (r, now) => StatusComposer.Failed(r, problem, failure.Message, now), cancellationToken);
        }
        catch (KubeApiException error) when (error.IsConflict || error.IsNotFound)
        {
            return ReconcileResult.Requeue;
        }

        return failures.Report(resource, problem, failure);
    }

    private void ForgetAll(ObjectKey key)
    {
        synchronizer.ForgetResource(key);
        provisioner.Forget(key);
        failures.Forget(key);
        finalizer.Forget(key);
    }
}

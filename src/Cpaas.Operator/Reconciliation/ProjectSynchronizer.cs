using Controller.Runtime;
using Cpaas.Client;
using Cpaas.Client.Errors;
using Cpaas.Client.Models;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Mapping;
using k8s.Models;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Steps 7 to 9 of docs/RECONCILE.md against an existing project: observe it (one GET, when <see cref="ObservePolicy"/>
/// says one is due), plan (pure, <see cref="ProjectPlanner"/>), apply only the keys that differ, reset the key.
/// Under managementPolicy Observe the same plan is only reported (<see cref="DriftReport"/>). Also keeps what the
/// drift sweep learns from a reconcile: the project's updated_at and whether a full observe found drift it missed.
/// </summary>
public sealed class ProjectSynchronizer(IProjectGateway gateway, ObservePolicy observe, ProjectUpdatedAt updatedAt, ActivityRecorder activity)
{
    /// <summary>What step 7 found.</summary>
    /// <param name="Wait">No observe is due: the time until one is. Null: observed (or a new project).</param>
    /// <param name="Project">The project as GET returned it; null when not observed.</param>
    /// <param name="ConvergedSecretVersion">The connection Secret's version when this process last converged the resource.</param>
    public sealed record Observation(TimeSpan? Wait, ProjectDetails? Project, string? ConvergedSecretVersion);

    /// <summary>What step 8 planned: the writes, and whether they revert out-of-band changes.</summary>
    public sealed record PlannedSync(ProjectPlan Plan, bool IsDrift);

    /// <summary>What step 8 wrote: the embed room, when the embed section was written.</summary>
    public sealed record Applied(EmbedRoom? Room)
    {
        public static Applied None { get; } = new((EmbedRoom?)null);
    }

    public async Task<Observation> ObserveAsync(CpaasProject resource, ResolvedInputs inputs, string appId, bool isNew, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(inputs);
        if (isNew)
        {
            return new Observation(null, null, null);
        }

        var decision = await observe.DecideAsync(resource, inputs.Desired, cancellationToken);
        if (decision.Wait is { } wait)
        {
            return new Observation(wait, null, null);
        }

        // A periodic observe (the safety net behind the drift sweep) or a sweep's check is low priority in the
        // account's rate budget; a repair it finds is not (ApplyAsync runs outside this scope).
        var convergedSecretVersion = observe.ConvergedSecretVersion(ObjectKey.From(resource));
        using (decision.IsLowPriority ? CpaasRequestPriority.Low() : null)
        {
            return new Observation(null, await gateway.GetAsync(inputs.Account, appId, cancellationToken), convergedSecretVersion);
        }
    }

    /// <summary>
    /// The writes that bring the project to the spec (pure). Drift the sweep could not see (updated_at had not
    /// moved) tells that this account's updated_at cannot be trusted; only a managed resource counts (an observed
    /// one keeps its differences).
    /// </summary>
    public PlannedSync Plan(CpaasProject resource, ResolvedInputs inputs, ProjectDetails? observed, bool refreshEmbedRoom)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(inputs);
        var desired = inputs.Desired;
        var applied = AppliedInputStatusCodec.Read(resource.Status);
        var plan = ProjectPlanner.Plan(desired, observed, applied, refreshEmbedRoom && resource.IsManaged());
        var isDrift = resource.IsManaged() && observed is not null && plan.ChangedFields.Count > 0 &&
                      StatusComposer.IsConverged(resource) && !desired.WriteOnlyInputsChangedSince(applied);
        if (isDrift)
        {
            updatedAt.DriftFound(resource, inputs.Account, observed!.UpdatedAt);
        }

        return new PlannedSync(plan, isDrift);
    }

    /// <summary>Makes the plan's calls (managementPolicy Manage only).</summary>
    public async Task<Applied> ApplyAsync(CpaasProject resource, CpaasAccount account, string appId, PlannedSync planned, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(planned);
        var room = await gateway.ApplyAsync(account, appId, planned.Plan, cancellationToken);
        activity.Applied(resource, planned.Plan.ChangedFields, planned.IsDrift);
        return new Applied(room);
    }

    /// <summary>One reset_key; the new key.</summary>
    public async Task<string> ResetKeyAsync(CpaasProject resource, CpaasAccount account, string appId, string token, CancellationToken cancellationToken)
    {
        string key;
        try
        {
            key = await gateway.ResetKeyAsync(account, appId, cancellationToken);
        }
        catch (CpaasApiException error)
        {
            throw ProblemClassifier.From(error, "resetting the app key");
        }

        activity.KeyRotated(resource, appId, token);
        return key;
    }

    /// <summary>What the status records of a successful reconcile; remembers the project's updated_at for the sweep.</summary>
    public Convergence Converged(CpaasProject resource, DesiredProject desired, string appId, Observation observation, PlannedSync planned, Applied applied, bool wrote)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(applied);
        var key = ObjectKey.From(resource);
        updatedAt.Converged(key, observation.Project?.UpdatedAt, wrote);
        DriftReport? report = null;
        if (!resource.IsManaged())
        {
            report = DriftReport.Of(planned.Plan, desired);
            var before = resource.Status?.DriftedFields ?? [];
            if (report.Drifted.Count > 0 && !report.Drifted.SequenceEqual(before, StringComparer.Ordinal))
            {
                activity.DriftReported(resource, report.Drifted);
            }
        }

        return new Convergence(appId, observation.Project, planned.Plan, desired, applied.Room, planned.IsDrift)
        {
            ProjectUpdatedAt = updatedAt.ForStatus(resource),
            Report = report,
        };
    }

    /// <summary>Remembers what the resource converged to and schedules its next observe; returns the delay until then.</summary>
    public TimeSpan RecordConverged(CpaasProject resource, DesiredProject desired, V1Secret secret) => observe.RecordConverged(resource, desired, secret);

    /// <summary>The next reconcile observes (after a failure, a pause, or on deletion).</summary>
    public void Forget(ObjectKey key) => observe.Forget(key);

    /// <summary>The resource is gone: everything kept about it goes.</summary>
    public void ForgetResource(ObjectKey key)
    {
        observe.Forget(key);
        updatedAt.Forget(key);
    }
}

using Cpaas.Operator.Entities;
using Cpaas.Operator.Mapping;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Computes the whole status for each outcome of a reconcile (pure): a new record from the previous status, so an
/// unchanged outcome gives an equal status and nothing is written.
/// </summary>
public static class StatusComposer
{
    /// <summary>Ready at the current generation.</summary>
    public static bool IsConverged(CpaasProject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Status?.ObservedGeneration == resource.Metadata.Generation &&
               ConditionList.IsTrue(resource.Status?.Conditions, WellKnownNames.ConditionTypes.Ready);
    }

    public static CpaasProjectStatus Converged(CpaasProject resource, Convergence result, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(result);
        var generation = resource.Metadata.Generation;
        var secretName = resource.EffectiveConnectionSecretName();
        var previous = resource.Status ?? new CpaasProjectStatus();
        var conditions = ConditionList.Set(previous.Conditions, WellKnownNames.ConditionTypes.Synced, true,
            WellKnownNames.Reasons.ReconcileSuccess, "The spec is applied to the CPaaS project", generation, now);
        conditions = ConditionList.Set(conditions, WellKnownNames.ConditionTypes.Ready, true,
            WellKnownNames.Reasons.Available, $"Project {result.AppId} is in sync and its Secret {secretName} is current", generation, now);
        var status = previous with
        {
            AppId = result.AppId,
            CustomerId = previous.AppId is null ? resource.Spec.CustomerId : previous.CustomerId,
            ObservedGeneration = generation,
            Conditions = conditions,
            ProjectStatus = ObservedStatusMapper.ProjectStatus(result.Observed, result.Plan.Edit),
            Services = ObservedStatusMapper.Services(result.Observed, result.Plan.Edit, result.Desired.Add),
            ConnectionSecretName = secretName,
            Embed = !result.Desired.HasEmbed ? null : ObservedStatusMapper.Embed(result.Room) ?? previous.Embed,
            LastDriftRepair = result.IsDrift
                ? new DriftRepairStatus { Time = TruncateToSeconds(now), Fields = [.. result.Plan.ChangedFields] }
                : previous.LastDriftRepair,
        };
        return AppliedInputHashesStatus.With(status, result.Desired.InputHashes);
    }

    public static CpaasProjectStatus Paused(CpaasProject resource, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var previous = resource.Status ?? new CpaasProjectStatus();
        var conditions = ConditionList.Set(previous.Conditions, WellKnownNames.ConditionTypes.Synced, false, WellKnownNames.Reasons.Paused,
            $"Reconciliation is paused by the annotation {WellKnownNames.Annotations.Paused}; no CPaaS call is made", resource.Metadata.Generation, now);
        return previous with { Conditions = conditions };
    }

    /// <param name="message">The problem's message, already scrubbed of secret values.</param>
    public static CpaasProjectStatus Failed(CpaasProject resource, ReconcileProblem problem, string message, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(problem);
        var generation = resource.Metadata.Generation;
        var previous = resource.Status ?? new CpaasProjectStatus();
        var conditions = ConditionList.Set(previous.Conditions, WellKnownNames.ConditionTypes.Synced, false, problem.Reason, message, generation, now);

        // A passing outage does not make a converged project unready: only Synced reports it.
        var keepReady = problem.Category == ProblemCategory.Transient && IsConverged(resource);
        if (!keepReady)
        {
            conditions = ConditionList.Set(conditions, WellKnownNames.ConditionTypes.Ready, false, problem.Reason, message, generation, now);
        }

        return previous with { ObservedGeneration = generation, Conditions = conditions };
    }

    private static DateTime TruncateToSeconds(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}

using Cpaas.Operator.Entities;
using Cpaas.Operator.Mapping;
using k8s.Models;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Computes the whole status for each outcome of a reconcile (pure): a new record from the previous status, so an
/// unchanged outcome gives an equal status and nothing is written. The conditions follow Kubernetes' and kstatus'
/// conventions (docs/reference.md, "Conditions"): Ready and Synced always; Reconciling=True while the operator works
/// towards the spec, Stalled=True when progress needs a person; either is removed when it no longer holds.
/// Every status starts from <see cref="Baseline"/>, which migrates what a previous version wrote and echoes the
/// handled reconcile request.
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

    /// <summary>Nothing to do this time (no observe due): only what a previous version wrote is migrated.</summary>
    public static CpaasProjectStatus Unchanged(CpaasProject resource, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return Baseline(resource);
    }

    /// <summary>Work towards the spec is under way (creating, applying): Reconciling=True, recorded before the CPaaS writes.</summary>
    public static CpaasProjectStatus Progressing(CpaasProject resource, string reason, string message, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var generation = resource.Metadata.Generation;
        var previous = Baseline(resource);
        var conditions = ConditionList.Set(previous.Conditions, WellKnownNames.ConditionTypes.Reconciling, true, reason, message, generation, now);
        conditions = ConditionList.Remove(conditions, WellKnownNames.ConditionTypes.Stalled);
        if (!ConditionList.IsTrue(conditions, WellKnownNames.ConditionTypes.Ready))
        {
            conditions = ConditionList.Set(conditions, WellKnownNames.ConditionTypes.Ready, false, reason, message, generation, now);
        }

        return previous with { ObservedGeneration = generation, Conditions = conditions };
    }

    /// <summary>The rotation token and the hash of the key it replaces, recorded before reset_key.</summary>
    public static CpaasProjectStatus RotationPending(CpaasProject resource, PendingRotationStatus pending, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var previous = Baseline(resource);
        var conditions = ConditionList.Set(previous.Conditions, WellKnownNames.ConditionTypes.Reconciling, true, WellKnownNames.Reasons.RotatingKey,
            "Resetting the app key as spec.apiKeyRotation.requestedAt asks", resource.Metadata.Generation, now);
        return previous with { PendingRotation = pending, Conditions = conditions };
    }

    /// <summary>The rotation token is handled: never reset again, whatever fails later.</summary>
    public static CpaasProjectStatus RotationDone(CpaasProject resource, string token)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return Baseline(resource) with { LastRotationToken = token, PendingRotation = null };
    }

    public static CpaasProjectStatus Converged(CpaasProject resource, Convergence result, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(result);
        var generation = resource.Metadata.Generation;
        var secretName = resource.EffectiveConnectionSecretName();
        var previous = Baseline(resource);
        var report = result.Report;
        var conditions = report is null
            ? ConditionList.Set(previous.Conditions, WellKnownNames.ConditionTypes.Synced, true,
                WellKnownNames.Reasons.ReconcileSuccess, "The spec is applied to the CPaaS project", generation, now)
            : ConditionList.Set(previous.Conditions, WellKnownNames.ConditionTypes.Synced, report.InSync,
                report.InSync ? WellKnownNames.Reasons.ReconcileSuccess : WellKnownNames.Reasons.Drifted, report.Describe(), generation, now);
        conditions = ConditionList.Set(conditions, WellKnownNames.ConditionTypes.Ready, true, WellKnownNames.Reasons.Available,
            report is null
                ? $"Project {result.AppId} is in sync and its Secret {secretName} is current"
                : $"Project {result.AppId} exists (managementPolicy Observe) and its Secret {secretName} is current",
            generation, now);
        conditions = ConditionList.Remove(ConditionList.Remove(conditions, WellKnownNames.ConditionTypes.Reconciling), WellKnownNames.ConditionTypes.Stalled);
        var status = previous with
        {
            AppId = result.AppId,
            CustomerId = previous.AppId is null ? resource.Spec.CustomerId : previous.CustomerId,
            ObservedGeneration = generation,
            Conditions = conditions,
            ProjectStatus = ObservedStatusMapper.ProjectStatus(result.Observed, report is null ? result.Plan.Edit : null),
            Services = ObservedStatusMapper.Services(result.Observed, report is null ? result.Plan.Edit : null, result.Desired.Add),
            ConnectionSecretName = secretName,
            Embed = !result.Desired.HasEmbed ? null : ObservedStatusMapper.Embed(result.Room) ?? previous.Embed,
            DriftedFields = report is null || report.Drifted.Count == 0 ? null : [.. report.Drifted],
            NotComparableFields = report is null || report.NotComparable.Count == 0 ? null : [.. report.NotComparable],
            LastDriftRepair = result.IsDrift
                ? new DriftRepairStatus { Time = TruncateToSeconds(now), Fields = [.. result.Plan.ChangedFields] }
                : previous.LastDriftRepair,
        };
        status = result.ProjectUpdatedAt is not null && !Same(resource.Status, status) ? status with { ObservedUpdatedAt = result.ProjectUpdatedAt } : status;

        // Observe only applies nothing: the digests of what was last applied stay as they are.
        return report is null ? AppliedInputStatusCodec.With(status, result.Desired.InputHashes) : status;
    }

    public static CpaasProjectStatus Paused(CpaasProject resource, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(resource);
        // A reconcile request is not handled while paused: it stays pending and is handled when the pause ends.
        var previous = Baseline(resource) with { LastHandledReconcileAt = resource.Status?.LastHandledReconcileAt };
        var conditions = ConditionList.Set(previous.Conditions, WellKnownNames.ConditionTypes.Synced, false, WellKnownNames.Reasons.Paused,
            $"Reconciliation is paused by the annotation {WellKnownNames.Annotations.Paused}; no CPaaS call is made", resource.Metadata.Generation, now);
        conditions = ConditionList.Remove(ConditionList.Remove(conditions, WellKnownNames.ConditionTypes.Reconciling), WellKnownNames.ConditionTypes.Stalled);
        return previous with { Conditions = conditions };
    }

    /// <param name="resource">The resource.</param>
    /// <param name="problem">What failed.</param>
    /// <param name="message">The problem's message, already scrubbed of secret values.</param>
    /// <param name="now">The time.</param>
    public static CpaasProjectStatus Failed(CpaasProject resource, ReconcileProblem problem, string message, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(problem);
        var generation = resource.Metadata.Generation;
        var previous = Baseline(resource);
        var conditions = ConditionList.Set(previous.Conditions, WellKnownNames.ConditionTypes.Synced, false, problem.Reason, message, generation, now);

        // A passing outage does not make a converged project unready: only Synced reports it.
        var transient = problem.Category == ProblemCategory.Transient;
        if (!(transient && IsConverged(resource)))
        {
            conditions = ConditionList.Set(conditions, WellKnownNames.ConditionTypes.Ready, false, problem.Reason, message, generation, now);
        }

        // kstatus: a transient failure is retried (still in progress); every other class waits for a person.
        conditions = transient
            ? ConditionList.Remove(ConditionList.Set(conditions, WellKnownNames.ConditionTypes.Reconciling, true, problem.Reason, message, generation, now), WellKnownNames.ConditionTypes.Stalled)
            : ConditionList.Remove(ConditionList.Set(conditions, WellKnownNames.ConditionTypes.Stalled, true, problem.Reason, message, generation, now), WellKnownNames.ConditionTypes.Reconciling);
        return previous with { ObservedGeneration = generation, Conditions = conditions };
    }

    /// <summary>
    /// The previous status with the previous version's applied-input map migrated (status alone, no CPaaS call) and
    /// the reconcile request echoed: every status this operator writes goes through here, so an upgrade's status is
    /// migrated by the first write that happens anyway, or by a no-op reconcile (docs/decisions/0067).
    /// </summary>
    public static CpaasProjectStatus Baseline(CpaasProject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var previous = AppliedInputStatusCodec.Migrated(resource.Status ?? new CpaasProjectStatus());
        return ReconcileRequest.Value(resource) is { } request && !string.Equals(request, previous.LastHandledReconcileAt, StringComparison.Ordinal)
            ? previous with { LastHandledReconcileAt = request }
            : previous;
    }

    private static bool Same(CpaasProjectStatus? a, CpaasProjectStatus b) =>
        a is not null && string.Equals(OperatorJson.Kube.Serialize(a), OperatorJson.Kube.Serialize(b), StringComparison.Ordinal);

    private static DateTime TruncateToSeconds(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}

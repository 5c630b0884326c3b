using Cpaas.Client.Models;
using Cpaas.Operator.Entities;
using k8s;

namespace Cpaas.Operator.Reconciliation;

// Status (DESIGN.md 3.5): computed whole, written through the status subresource only when it changed.
public sealed partial class CpaasProjectReconciler
{
    private CpaasProjectStatus Converged(
        CpaasProject resource, string appId, ProjectDetails? project, DesiredProject desired, EmbedRoom? room, IReadOnlyList<string>? driftFields)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var generation = resource.Metadata.Generation;
        var previous = resource.Status ?? new CpaasProjectStatus();
        var conditions = ConditionList.Set(previous.Conditions, WellKnownNames.ConditionTypes.Synced, true,
            WellKnownNames.Reasons.ReconcileSuccess, "The spec is applied to the CPaaS project", generation, now);
        conditions = ConditionList.Set(conditions, WellKnownNames.ConditionTypes.Ready, true,
            WellKnownNames.Reasons.Available, $"Project {appId} is in sync and its Secret {resource.EffectiveConnectionSecretName()} is current", generation, now);
        return previous with
        {
            AppId = appId,
            CustomerId = previous.AppId is null ? resource.Spec.CustomerId : previous.CustomerId,
            ObservedGeneration = generation,
            Conditions = conditions,
            ProjectStatus = project is null
                ? previous.ProjectStatus
                : new ProjectStatusInfo { Status = project.Status, StatusEx = project.StatusEx, SuspendedAt = project.SuspendedAt?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) },
            Services = project?.ServicesIncl is { } services
                ? new ServicesStatus { Video = services.Video, Sms = services.Sms, Voice = services.Voice }
                : previous.Services ?? FromRequest(desired.CreateRequest.ServicesIncl),
            ConnectionSecretName = resource.EffectiveConnectionSecretName(),
            Embed = !desired.HasEmbed ? null : room is null ? previous.Embed : new EmbedStatus { RoomId = room.RoomId, ParticipantMeetingUrl = room.ParticipantMeetingUrl },
            AppliedInputHashes = desired.InputHashes.Count == 0 ? null : new Dictionary<string, string>(desired.InputHashes),
            LastDriftRepair = driftFields is null ? previous.LastDriftRepair : new DriftRepairStatus { Time = TruncateToSeconds(now), Fields = [.. driftFields] },
        };
    }

    private CpaasProjectStatus WithPaused(CpaasProject resource)
    {
        var previous = resource.Status ?? new CpaasProjectStatus();
        var conditions = ConditionList.Set(previous.Conditions, WellKnownNames.ConditionTypes.Synced, false, WellKnownNames.Reasons.Paused,
            $"Reconciliation is paused by the annotation {WellKnownNames.Annotations.Paused}; no CPaaS call is made", resource.Metadata.Generation, _time.GetUtcNow().UtcDateTime);
        return previous with { Conditions = conditions };
    }

    private CpaasProjectStatus WithProblem(CpaasProject resource, ReconcileProblem problem, string message)
    {
        var now = _time.GetUtcNow().UtcDateTime;
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

    private static ServicesStatus? FromRequest(ServicesIncluded? services) =>
        services is null ? null : new ServicesStatus { Video = services.Video, Sms = services.Sms, Voice = services.Voice };

    private static DateTime TruncateToSeconds(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    private static bool SameStatus(CpaasProjectStatus? a, CpaasProjectStatus? b) =>
        (a is null && b is null) ||
        (a is not null && b is not null && string.Equals(KubernetesJson.Serialize(a), KubernetesJson.Serialize(b), StringComparison.Ordinal));
}

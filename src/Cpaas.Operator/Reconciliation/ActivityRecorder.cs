using Controller.Runtime.Events;
using Cpaas.Operator.Entities;
using Microsoft.Extensions.Logging;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Tells what the operator did to a project or its Secret, in the three places people look: a Kubernetes event on
/// the resource, the operator's metrics and its log. One method per kind of action, so every collaborator reports
/// the same action the same way. Messages name projects, fields and Secrets, never a secret value.
/// </summary>
public sealed partial class ActivityRecorder(IEventRecorder events, OperatorMetrics metrics, ILogger<ActivityRecorder> logger)
{
    private readonly ILogger _logger = logger;

    public void Created(CpaasProject resource, string appId, string appName)
    {
        metrics.ProjectsCreated.Inc();
        events.Normal(resource, "ProjectCreated", $"Created project {appId} named '{appName}'", "Create");
        LogCreated(appId, appName);
    }

    public void Adopted(CpaasProject resource, string appId)
    {
        metrics.ProjectsAdopted.Inc();
        events.Normal(resource, "ProjectRecovered", $"Found project {appId} created by an interrupted attempt and adopted it instead of creating another", "Create");
        LogRecovered(appId);
    }

    /// <summary>An existing project found by its name was adopted (adoptionPolicy, or managementPolicy Observe).</summary>
    public void AdoptedByName(CpaasProject resource, string appId, string appName)
    {
        ArgumentNullException.ThrowIfNull(resource);
        metrics.ProjectsAdopted.Inc();
        var how = resource.IsManaged() ? $"adoptionPolicy {resource.EffectiveAdoptionPolicy()}" : "managementPolicy Observe";
        events.Normal(resource, "ProjectAdopted", $"Adopted the existing project {appId} named '{appName}' ({how}); no project was created", "Adopt");
        LogAdoptedByName(appId, appName);
    }

    /// <summary>Observe only: the fields that differ from the spec, reported when the report changes.</summary>
    public void DriftReported(CpaasProject resource, IReadOnlyList<string> driftedFields)
    {
        ArgumentNullException.ThrowIfNull(driftedFields);
        events.Warning(resource, WellKnownNames.Reasons.Drifted, $"The project differs from the spec in: {string.Join(", ", driftedFields)} (managementPolicy Observe: not changed)", "Observe");
        LogDriftReported(string.Join(", ", driftedFields));
    }

    /// <summary>The plan's calls were made: an update the spec asked for, or a repair of out-of-band changes.</summary>
    public void Applied(CpaasProject resource, IReadOnlyList<string> changedFields, bool isDrift)
    {
        if (changedFields.Count == 0)
        {
            return;
        }

        var fields = string.Join(", ", changedFields);
        if (isDrift)
        {
            metrics.DriftCorrections.Inc();
            events.Warning(resource, "DriftRepaired", $"Reverted out-of-band changes to: {fields}", "Update");
            LogDriftRepaired(fields);
        }
        else
        {
            events.Normal(resource, "ProjectUpdated", $"Updated {fields}", "Update");
            LogUpdated(fields);
        }
    }

    public void KeyRotated(CpaasProject resource, string appId, string token)
    {
        metrics.KeyRotations.Inc();
        events.Normal(resource, "KeyRotated", $"Reset the app key of project {appId} as requested ({token})", "RotateKey");
        LogRotated(appId);
    }

    public void KeyRotationRecovered(string appId) => LogRotationRecovered(appId);

    /// <summary>The project's key was reset outside the operator (for example in the portal); the Secret now holds it.</summary>
    public void KeyChangedOutOfBand(CpaasProject resource, string appId)
    {
        events.Warning(resource, "KeyChangedOutOfBand", "The project's key was reset outside the operator; the Secret now holds the current key", "WriteSecret");
        LogKeyChangedOutOfBand(appId);
    }

    public void SecretWritten(CpaasProject resource, string secretName, bool created, bool firstTime)
    {
        metrics.SecretWrites.Inc();
        if (created && firstTime)
        {
            events.Normal(resource, "ConnectionSecretCreated", $"Wrote app_id and app_key to Secret {secretName}", "WriteSecret");
        }
        else
        {
            events.Normal(resource, "ConnectionSecretUpdated", $"{(created ? "Recreated" : "Updated")} Secret {secretName} with the project's current credentials", "WriteSecret");
        }

        LogSecretWritten(secretName);
    }

    public void Suspended(CpaasProject resource, string appId)
    {
        events.Normal(resource, "ProjectSuspended", $"Suspended project {appId} (deletionPolicy Suspend)", "Delete");
        LogSuspended(appId);
    }

    public void Retained(string? appId) => LogRetained(appId);

    /// <summary>Deletion completes without the Suspend the policy asks for; <paramref name="warning"/> when a person should look.</summary>
    public void LeftAsIs(CpaasProject resource, string message, bool warning)
    {
        if (warning)
        {
            events.Warning(resource, "DeletionWithoutSuspend", message, "Delete");
        }
        else
        {
            events.Normal(resource, "DeletionWithoutSuspend", message, "Delete");
        }
    }

    public void AlreadyGone(CpaasProject resource, string appId) =>
        events.Normal(resource, "ProjectAlreadyGone", $"Project {appId} no longer exists: nothing to suspend", "Delete");

    /// <summary>
    /// A failed reconcile: a Warning event when the reason is new, and a log line (for invalid input the runtime
    /// logs the terminal failure itself).
    /// </summary>
    public void Failed(CpaasProject resource, ReconcileProblem problem, string message, bool newReason)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (newReason)
        {
            events.Warning(resource, problem.Reason, message, "Reconcile");
        }

        if (problem.Category != ProblemCategory.InvalidInput)
        {
            LogProblem(problem.Category, problem.Reason, message);
        }
    }

    public void CacheBehind(string appId) => LogCacheBehind(appId);

    public void Conflict(string? reason) => LogConflict(reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created project {AppId} named {AppName}")]
    private partial void LogCreated(string appId, string appName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adopted project {AppId} left by an interrupted create")]
    private partial void LogRecovered(string appId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Adopted project {AppId} named {AppName}")]
    private partial void LogAdoptedByName(string appId, string appName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Observed drift (not changed, managementPolicy Observe) in {Fields}")]
    private partial void LogDriftReported(string fields);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reverted drift in {Fields}")]
    private partial void LogDriftRepaired(string fields);

    [LoggerMessage(Level = LogLevel.Information, Message = "Updated {Fields}")]
    private partial void LogUpdated(string fields);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reset the app key of project {AppId}")]
    private partial void LogRotated(string appId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key rotation of project {AppId} had completed before a restart; finishing it")]
    private partial void LogRotationRecovered(string appId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The app key of project {AppId} was reset outside the operator; the connection Secret now holds the current key")]
    private partial void LogKeyChangedOutOfBand(string appId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote connection Secret {SecretName}")]
    private partial void LogSecretWritten(string secretName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Suspended project {AppId} on deletion")]
    private partial void LogSuspended(string appId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted; project {AppId} retained (deletionPolicy Retain)")]
    private partial void LogRetained(string? appId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile failed ({Category}, {Reason}): {Message}")]
    private partial void LogProblem(ProblemCategory category, string reason, string message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cache not yet showing project {AppId} created by this process; requeued")]
    private partial void LogCacheBehind(string appId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Write conflict ({Reason}); requeued")]
    private partial void LogConflict(string? reason);
}

using Controller.Runtime;
using Controller.Runtime.Events;
using Cpaas.Client.Errors;
using Cpaas.Operator.Entities;
using Microsoft.Extensions.Logging;

namespace Cpaas.Operator.Reconciliation;

// Deletion (DESIGN.md 3.8): Suspend or Retain, and the finalizer always comes off in the end.
public sealed partial class CpaasProjectReconciler
{
    private async Task<ReconcileResult> FinalizeAsync(CpaasProject resource, CancellationToken cancellationToken)
    {
        var key = ObjectKey.From(resource);
        _ledger.Forget(key);
        if (resource.Metadata.Finalizers?.Contains(WellKnownNames.Finalizer) != true)
        {
            return ReconcileResult.Done;
        }

        var appId = resource.Status?.AppId ?? resource.Spec.AppId;
        if (_ledger.WasSuspendedOnDeletion(key, resource.Metadata.Uid))
        {
            // Suspended by an earlier attempt whose finalizer removal hit a conflict: only the removal is left.
        }
        else if (resource.EffectiveDeletionPolicy() == DeletionPolicy.Suspend && appId is not null)
        {
            var outcome = await SuspendOnDeletionAsync(resource, appId, cancellationToken);
            if (outcome is not null)
            {
                return outcome.Value;
            }
        }
        else
        {
            LogRetained(appId);
        }

        try
        {
            await RemoveFinalizerAsync(resource, cancellationToken);
        }
        catch (Controller.Runtime.Client.KubeApiException error) when (error.IsNotFound)
        {
            // Already gone: nothing left to finalize.
        }

        return ReconcileResult.Done;
    }

    /// <summary>Null when deletion may complete; a result when it must be retried (a transient error within the window).</summary>
    private async Task<ReconcileResult?> SuspendOnDeletionAsync(CpaasProject resource, string appId, CancellationToken cancellationToken)
    {
        if (IsPaused(resource))
        {
            _events.Warning(resource, "DeletionWithoutSuspend", $"The resource is paused: project {appId} was left as it is", "Delete");
            return null;
        }

        if (ClaimOwner(appId, resource) is { } owner)
        {
            _events.Normal(resource, "DeletionWithoutSuspend", $"Project {appId} is managed by {owner}: left as it is", "Delete");
            return null;
        }

        try
        {
            var account = _inputs.ResolveAccount(resource);
            await _gateway.SuspendAsync(account, appId, cancellationToken);
            _ledger.RecordSuspendedOnDeletion(ObjectKey.From(resource), resource.Metadata.Uid);
            _events.Normal(resource, "ProjectSuspended", $"Suspended project {appId} (deletionPolicy Suspend)", "Delete");
            LogSuspended(appId);
            return null;
        }
        catch (ReconcileProblem problem)
        {
            _events.Warning(resource, "DeletionWithoutSuspend", $"{problem.Message}: project {appId} was left as it is", "Delete");
            return null;
        }
        catch (CpaasApiException error) when (error.Kind == CpaasErrorKind.NotFound)
        {
            _events.Normal(resource, "ProjectAlreadyGone", $"Project {appId} no longer exists: nothing to suspend", "Delete");
            return null;
        }
        catch (CpaasApiException error) when (error.Kind is CpaasErrorKind.Transient or CpaasErrorKind.Unknown && WithinDeletionRetryWindow(resource))
        {
            var problem = ProblemClassifier.From(error, "suspending the project on deletion");
            await ReportAsync(resource, problem, resolved: null, cancellationToken);
            return problem.RetryAfter is { } delay ? ReconcileResult.RequeueAfter(delay) : ReconcileResult.Requeue;
        }
        catch (CpaasApiException error)
        {
            _events.Warning(resource, "DeletionWithoutSuspend",
                $"Could not suspend project {appId} ({ProblemClassifier.From(error, "suspending").Message}); deletion completes and the project is left as it is", "Delete");
            return null;
        }
    }

    private bool WithinDeletionRetryWindow(CpaasProject resource) =>
        resource.Metadata.DeletionTimestamp is { } since &&
        _time.GetUtcNow() - new DateTimeOffset(DateTime.SpecifyKind(since, DateTimeKind.Utc)) < _options.DeletionRetryWindow;

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted; project {AppId} retained (deletionPolicy Retain)")]
    private partial void LogRetained(string? appId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Suspended project {AppId} on deletion")]
    private partial void LogSuspended(string appId);
}

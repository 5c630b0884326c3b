using Cpaas.Client.Errors;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Deletion policy Suspend (docs/RECONCILE.md, "Deletion"): suspends the project unless it must be left as it is
/// (the resource is paused, another resource holds the project, the credentials are missing, the project is gone,
/// the API rejected the call). Only a transient failure within the retry window asks for another attempt.
/// </summary>
public sealed class DeletionSuspender(
    IProjectGateway gateway,
    InputResolver inputs,
    ProjectClaims claims,
    ActivityRecorder activity,
    DeletionRetryWindow retryWindow)
{
    /// <summary>True when the project was suspended, false when it is left as it is.</summary>
    /// <exception cref="ReconcileProblem">A transient failure within the retry window: the deletion waits and tries again.</exception>
    public async Task<bool> SuspendAsync(CpaasProject resource, string appId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (PauseAnnotation.IsPaused(resource))
        {
            activity.LeftAsIs(resource, $"The resource is paused: project {appId} was left as it is", warning: true);
            return false;
        }

        if (claims.OtherOwner(appId, resource) is { } owner)
        {
            activity.LeftAsIs(resource, $"Project {appId} is managed by {owner}: left as it is", warning: false);
            return false;
        }

        try
        {
            var account = await inputs.ResolveAccountAsync(resource.Metadata.NamespaceProperty, resource.Spec.CredentialsSecretRef, cancellationToken);
            await gateway.SuspendAsync(account, appId, cancellationToken);
            activity.Suspended(resource, appId);
            return true;
        }
        catch (ReconcileProblem problem)
        {
            activity.LeftAsIs(resource, $"{problem.Message}: project {appId} was left as it is", warning: true);
        }
        catch (CpaasApiException error) when (error.Kind == CpaasErrorKind.NotFound)
        {
            activity.AlreadyGone(resource, appId);
        }
        catch (CpaasApiException error) when (error.Kind is CpaasErrorKind.Transient or CpaasErrorKind.Unknown && retryWindow.IsOpen(resource))
        {
            throw ProblemClassifier.From(error, "suspending the project on deletion");
        }
        catch (CpaasApiException error)
        {
            activity.LeftAsIs(resource,
                $"Could not suspend project {appId} ({ProblemClassifier.From(error, "suspending").Message}); deletion completes and the project is left as it is", warning: true);
        }

        return false;
    }
}

using Controller.Runtime;
using Controller.Runtime.Events;
using Cpaas.Client.Errors;
using Cpaas.Client.Models;
using Cpaas.Operator.Entities;
using Microsoft.Extensions.Logging;

namespace Cpaas.Operator.Reconciliation;

// Create once, crash-safe (DESIGN.md 3.2): marker, POST add, status.appId at once, clear the marker.
public sealed partial class CpaasProjectReconciler
{
    private async Task<ReconcileResult> CreateOrRecoverAsync(
        ObjectKey key, CpaasProject resource, ResolvedInputs resolved, DesiredProject desired, CancellationToken cancellationToken)
    {
        string? markerText = null;
        resource.Metadata.Annotations?.TryGetValue(WellKnownNames.Annotations.PendingCreate, out markerText);
        var marker = PendingCreateMarker.Parse(markerText);
        if (marker is not null)
        {
            var found = await _gateway.FindByAppNameAsync(resolved.Account, marker.AppName, cancellationToken);
            switch (AdoptionDecision.Decide(marker, found, id => IsClaimedByAnother(id, resource), MarkerClockSkew))
            {
                case AdoptionDecision.Adopt adopt:
                    resource = await RecordAppIdAsync(resource, adopt.AppId, cancellationToken);
                    resource = await ClearMarkerAsync(resource, cancellationToken);
                    _metrics.ProjectsAdopted.Inc();
                    _events.Normal(resource, "ProjectRecovered", $"Found project {adopt.AppId} created by an interrupted attempt and adopted it instead of creating another", "Create");
                    LogRecovered(adopt.AppId);
                    return await SyncAsync(key, resource, resolved, cancellationToken);
                case AdoptionDecision.Ambiguous ambiguous:
                    throw new ReconcileProblem(ProblemCategory.NeedsPerson, WellKnownNames.Reasons.AmbiguousProject,
                        $"An interrupted create left {ambiguous.AppIds.Count} unclaimed projects named '{marker.AppName}' ({string.Join(", ", ambiguous.AppIds)}); " +
                        $"set spec.appId to the one to adopt, or remove the annotation {WellKnownNames.Annotations.PendingCreate} to create a new project");
                default:
                    break;
            }
        }
        else
        {
            resource = await WriteMarkerAsync(resource, new PendingCreateMarker(_time.GetUtcNow(), desired.AppName), cancellationToken);
        }

        ProjectCredentials created;
        try
        {
            created = await _gateway.CreateAsync(resolved.Account, desired, cancellationToken);
        }
        catch (CpaasApiException error) when (!error.OutcomeUnknown)
        {
            // Certainly not created (rejected, refused or never sent): drop the marker so the next attempt needs no look-up.
            await ClearMarkerAsync(resource, cancellationToken);
            throw ProblemClassifier.From(error, "creating the project");
        }
        catch (CpaasApiException error)
        {
            // May have been created: the marker stays, and the next attempt looks the project up before creating.
            throw ProblemClassifier.From(error, "creating the project");
        }

        var appId = created.AppId!;
        _metrics.ProjectsCreated.Inc();
        resource = await RecordAppIdAsync(resource, appId, cancellationToken);
        resource = await ClearMarkerAsync(resource, cancellationToken);
        _events.Normal(resource, "ProjectCreated", $"Created project {appId} named '{desired.AppName}'", "Create");
        LogCreated(appId, desired.AppName);

        var plan = _gateway.PlanForNewProject(desired);
        EmbedRoom? room = null;
        if (!plan.IsEmpty)
        {
            room = await _gateway.ApplyAsync(resolved.Account, appId, plan, cancellationToken);
        }

        var secret = await EnsureConnectionSecretAsync(resource, appId, created.AppKey!, room, desired, resolved, cancellationToken);
        // A new project's key is fresh: a rotation token already in the spec counts as handled.
        var status = Converged(resource, appId, project: null, desired, room, driftFields: null) with
        {
            LastRotationToken = resource.Spec.ApiKeyRotation?.RequestedAt,
        };
        await WriteStatusAsync(resource, status, cancellationToken);

        var next = _schedule.Next();
        RecordConverged(key, resource, desired, secret, next);
        return ReconcileResult.RequeueAfter(next);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created project {AppId} named {AppName}")]
    private partial void LogCreated(string appId, string appName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adopted project {AppId} left by an interrupted create")]
    private partial void LogRecovered(string appId);
}

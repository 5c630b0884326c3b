using Cpaas.Client;
using Cpaas.Client.Errors;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Mapping;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Makes sure the resource has its project (docs/RECONCILE.md steps 6 and 7): the project it already holds (if no
/// other resource holds it), one adopted after an interrupted create, or one created now, exactly once, with the
/// crash-safe pending-create marker.
/// </summary>
public sealed class ProjectProvisioner(
    IProjectGateway gateway,
    MetadataWriter metadata,
    StatusWriter status,
    ProjectClaims claims,
    ActivityRecorder activity)
{
    /// <summary>How long before the marker a recovered project may claim to have been created (the API's clock is not ours).</summary>
    public static readonly TimeSpan MarkerClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The project; null when this process recorded one the informer cache does not show yet (requeue and wait).</summary>
    public async Task<ProjectHandle?> EnsureExistsAsync(CpaasProject resource, CpaasAccount account, DesiredProject desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(desired);
        CheckImmutableFields(resource);
        var appId = resource.Status?.AppId ?? resource.Spec.AppId;
        if (appId is not null)
        {
            return await HoldAsync(resource, appId, cancellationToken);
        }

        if (claims.RecordedAppId(resource) is { } recorded)
        {
            // The cache lags behind this process's own status write: the project exists; wait for the cache.
            activity.CacheBehind(recorded);
            return null;
        }

        return await AdoptOrCreateAsync(resource, account, desired, cancellationToken);
    }

    /// <summary>Forgets the app id recorded for a resource that is gone.</summary>
    public void Forget(Controller.Runtime.ObjectKey key) => claims.Forget(key);

    private async Task<ProjectHandle> HoldAsync(CpaasProject resource, string appId, CancellationToken cancellationToken)
    {
        claims.Record(resource, appId);
        resource = await metadata.ClearMarkerAsync(resource, cancellationToken);
        if (claims.OtherOwner(appId, resource) is { } owner)
        {
            throw new ReconcileProblem(ProblemCategory.NeedsPerson, WellKnownNames.Reasons.AlreadyManaged,
                $"Project {appId} is already managed by CpaasProject {owner}; this resource makes no change to it");
        }

        return new ProjectHandle(resource, appId, IsNew: false, AppKey: null);
    }

    private async Task<ProjectHandle> AdoptOrCreateAsync(CpaasProject resource, CpaasAccount account, DesiredProject desired, CancellationToken cancellationToken)
    {
        if (MetadataWriter.ReadMarker(resource) is { } marker)
        {
            var found = await gateway.FindByAppNameAsync(account, marker.AppName, cancellationToken);
            switch (AdoptionDecision.Decide(marker, found, id => claims.IsClaimedByAnother(id, resource), MarkerClockSkew))
            {
                case AdoptionDecision.Adopt adopt:
                    resource = await RecordAsync(resource, adopt.AppId, cancellationToken);
                    activity.Adopted(resource, adopt.AppId);
                    return new ProjectHandle(resource, adopt.AppId, IsNew: false, AppKey: null);
                case AdoptionDecision.Ambiguous ambiguous:
                    throw new ReconcileProblem(ProblemCategory.NeedsPerson, WellKnownNames.Reasons.AmbiguousProject,
                        $"An interrupted create left {ambiguous.AppIds.Count} unclaimed projects named '{marker.AppName}' ({string.Join(", ", ambiguous.AppIds)}); " +
                        $"set spec.appId to the one to adopt, or remove the annotation {WellKnownNames.Annotations.PendingCreate} to create a new project");
                default:
                    break; // The earlier POST never committed: create now, under the same marker.
            }
        }
        else
        {
            resource = await metadata.WriteMarkerAsync(resource, desired.AppName, cancellationToken);
        }

        Cpaas.Client.Models.ProjectCredentials created;
        try
        {
            created = await gateway.AddAsync(account, desired.Add, cancellationToken);
        }
        catch (CpaasApiException error) when (!error.OutcomeUnknown)
        {
            // Certainly not created (rejected, refused or never sent): drop the marker so the next attempt needs no look-up.
            await metadata.ClearMarkerAsync(resource, cancellationToken);
            throw ProblemClassifier.From(error, "creating the project");
        }
        catch (CpaasApiException error)
        {
            // May have been created: the marker stays, and the next attempt looks the project up before creating.
            throw ProblemClassifier.From(error, "creating the project");
        }

        // No app id: the project may exist; the marker stays and the next attempt looks it up.
        var appId = created.AppId ?? throw new ReconcileProblem(ProblemCategory.Transient, WellKnownNames.Reasons.ReconcileError,
            $"POST add for '{desired.AppName}' returned no app_id");
        resource = await RecordAsync(resource, appId, cancellationToken);
        activity.Created(resource, appId, desired.AppName);
        return new ProjectHandle(resource, appId, IsNew: true, created.AppKey);
    }

    /// <summary>
    /// status.appId first, then the marker goes. Only once the app id is stored does this process vouch for it: if
    /// it never got there, the marker is still on the resource and the next reconcile finds the project by name.
    /// </summary>
    private async Task<CpaasProject> RecordAsync(CpaasProject resource, string appId, CancellationToken cancellationToken)
    {
        resource = await status.RecordAppIdAsync(resource, appId, cancellationToken);
        claims.Record(resource, appId);
        return await metadata.ClearMarkerAsync(resource, cancellationToken);
    }

    private static void CheckImmutableFields(CpaasProject resource)
    {
        var current = resource.Status;
        if (current?.AppId is { } held && resource.Spec.AppId is { } requested && !string.Equals(held, requested, StringComparison.Ordinal))
        {
            throw new ReconcileProblem(ProblemCategory.InvalidInput, WellKnownNames.Reasons.InvalidSpec,
                $"spec.appId is immutable: this resource manages project {held}, spec asks for {requested}");
        }

        // status.customerId records the spec's customerId when the project was created or adopted (null: none).
        if (current?.AppId is not null && !string.Equals(current.CustomerId, resource.Spec.CustomerId, StringComparison.Ordinal))
        {
            throw new ReconcileProblem(ProblemCategory.InvalidInput, WellKnownNames.Reasons.InvalidSpec,
                current.CustomerId is null
                    ? "spec.customerId is immutable: the project was created without one"
                    : $"spec.customerId is immutable: the project was created for customer {current.CustomerId}");
        }
    }
}

using Cpaas.Client;
using Cpaas.Client.Errors;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Mapping;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Which project the resource manages (docs/RECONCILE.md step 6): the one it holds (if no other resource holds it),
/// one adopted (after an interrupted create, or by name under spec.adoptionPolicy), or one created now, exactly once,
/// with the crash-safe pending-create marker. Writes metadata (the marker, the app-id annotation), never status.
/// </summary>
public sealed class ProjectProvisioner(
    IProjectGateway gateway,
    MetadataWriter metadata,
    ProjectClaims claims,
    ActivityRecorder activity)
{
    /// <summary>How long before the marker a recovered project may claim to have been created (the API's clock is not ours).</summary>
    public static readonly TimeSpan MarkerClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>A project added by <see cref="CreateAsync"/>.</summary>
    public sealed record CreatedProject(CpaasProject Resource, string AppId, string? AppKey)
    {
        public override string ToString() => $"CreatedProject {{ AppId = {AppId}, AppKey = *** }}";
    }

    /// <summary>The resource's project as known before any write; no CPaaS call unless an adoption must look one up.</summary>
    public async Task<ProjectIdentity> IdentifyAsync(CpaasProject resource, CpaasAccount account, DesiredProject desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(desired);
        CheckImmutableCustomer(resource);
        if (IdentitySources.AgreedAppId(resource) is { } appId)
        {
            claims.Record(resource, appId);
            if (claims.OtherOwner(appId, resource) is { } owner)
            {
                throw new ReconcileProblem(ProblemCategory.NeedsPerson, WellKnownNames.Reasons.AlreadyManaged,
                    $"Project {appId} is already managed by CpaasProject {owner}; this resource makes no change to it");
            }

            return new ProjectIdentity.Held(appId, IsAnnotated: IdentitySources.Annotation(resource) is not null && MetadataWriter.ReadMarker(resource) is null);
        }

        if (claims.RecordedAppId(resource) is { } recorded)
        {
            // The cache lags behind this process's own status write: the project exists; wait for the cache.
            activity.CacheBehind(recorded);
            return new ProjectIdentity.WaitForCache();
        }

        if (MetadataWriter.ReadMarker(resource) is { } marker)
        {
            return await RecoverAsync(resource, account, marker, cancellationToken);
        }

        var policy = resource.EffectiveAdoptionPolicy();
        if (policy == AdoptionPolicy.Never && resource.IsManaged())
        {
            return new ProjectIdentity.Create();
        }

        return await AdoptByNameAsync(resource, account, desired.AppName, mayCreate: policy == AdoptionPolicy.AdoptOrCreate && resource.IsManaged(), cancellationToken);
    }

    /// <summary>
    /// The marker, then one POST add. The caller records the app id (status.appId, then <see cref="ConfirmAsync"/>);
    /// until then the marker stays, and a crash is recovered by name.
    /// </summary>
    public async Task<CreatedProject> CreateAsync(CpaasProject resource, CpaasAccount account, DesiredProject desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(desired);
        if (MetadataWriter.ReadMarker(resource) is null)
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
        activity.Created(resource, appId, desired.AppName);
        return new CreatedProject(resource, appId, created.AppKey);
    }

    /// <summary>
    /// Once status.appId holds the project (or it was held already): the app-id annotation is written and the
    /// pending-create marker goes, in one metadata patch; the claim is remembered.
    /// </summary>
    public async Task<CpaasProject> ConfirmAsync(CpaasProject resource, string appId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        claims.Record(resource, appId);
        return await metadata.RecordIdentityAsync(resource, appId, cancellationToken);
    }

    /// <summary>Forgets the app id recorded for a resource that is gone.</summary>
    public void Forget(Controller.Runtime.ObjectKey key) => claims.Forget(key);

    private async Task<ProjectIdentity> RecoverAsync(CpaasProject resource, CpaasAccount account, PendingCreateMarker marker, CancellationToken cancellationToken)
    {
        var found = await gateway.FindByAppNameAsync(account, marker.AppName, cancellationToken);
        switch (AdoptionDecision.Decide(marker, found, id => claims.IsClaimedByAnother(id, resource), MarkerClockSkew))
        {
            case AdoptionDecision.Adopt adopt:
                activity.Adopted(resource, adopt.AppId);
                return new ProjectIdentity.Adopt(adopt.AppId);
            case AdoptionDecision.Ambiguous ambiguous:
                throw new ReconcileProblem(ProblemCategory.NeedsPerson, WellKnownNames.Reasons.AmbiguousProject,
                    $"An interrupted create left {ambiguous.AppIds.Count} unclaimed projects named '{marker.AppName}' ({string.Join(", ", ambiguous.AppIds)}); " +
                    $"set spec.appId to the one to adopt, or remove the annotation {WellKnownNames.Annotations.PendingCreate} to create a new project");
            default:
                // The earlier POST never committed: create now, under the same marker.
                return new ProjectIdentity.Create();
        }
    }

    private async Task<ProjectIdentity> AdoptByNameAsync(CpaasProject resource, CpaasAccount account, string appName, bool mayCreate, CancellationToken cancellationToken)
    {
        var found = await gateway.FindByAppNameAsync(account, appName, cancellationToken);
        var candidates = NameAdoption.Candidates(appName, found, id => claims.IsClaimedByAnother(id, resource));
        switch (candidates.Count)
        {
            case 1:
                activity.AdoptedByName(resource, candidates[0], appName);
                return new ProjectIdentity.Adopt(candidates[0]);
            case 0 when mayCreate:
                return new ProjectIdentity.Create();
            case 0:
                throw new ReconcileProblem(ProblemCategory.NeedsPerson, WellKnownNames.Reasons.ProjectNotFound,
                    $"No project named '{appName}' that no other resource claims is visible to this account; " +
                    (resource.IsManaged()
                        ? "adoptionPolicy AdoptOnly never creates one: create it in the portal, set spec.appId, or use AdoptOrCreate"
                        : "managementPolicy Observe never creates one: set spec.appId or the annotation " + WellKnownNames.Annotations.AppId));
            default:
                throw new ReconcileProblem(ProblemCategory.NeedsPerson, WellKnownNames.Reasons.AmbiguousProject,
                    $"{candidates.Count} unclaimed projects are named '{appName}' ({string.Join(", ", candidates)}); set spec.appId to the one to adopt");
        }
    }

    private static void CheckImmutableCustomer(CpaasProject resource)
    {
        // status.customerId records the spec's customerId when the project was created or adopted (null: none).
        var current = resource.Status;
        if (current?.AppId is not null && !string.Equals(current.CustomerId, resource.Spec.CustomerId, StringComparison.Ordinal))
        {
            throw new ReconcileProblem(ProblemCategory.InvalidInput, WellKnownNames.Reasons.InvalidSpec,
                current.CustomerId is null
                    ? "spec.customerId is immutable: the project was created without one"
                    : $"spec.customerId is immutable: the project was created for customer {current.CustomerId}");
        }
    }
}

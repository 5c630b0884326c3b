using Controller.Runtime;
using Controller.Runtime.Cache;
using Cpaas.Client;
using Cpaas.Operator.Entities.Summary;
using Cpaas.Operator.Reconciliation;

namespace Cpaas.Operator.Drift;

/// <summary>
/// The projects this process manages, from its CpaasProject informer cache (so a shard's sweep only acts on the
/// shard's resources): a resource manages the project whose app id its status holds, unless it is being deleted
/// or paused. Accounts are resolved as the reconciler resolves them. The connection Secret's key is only ever
/// turned into a salted fingerprint here; no key is kept.
/// </summary>
public sealed class CachedManagedProjects(
    IReadOnlyCache<CpaasProjectSummary> projects,
    InputResolver inputs,
    IConnectionSecretStore connectionSecrets,
    KeyFingerprint fingerprints,
    ProjectUpdatedAt updatedAt) : IManagedProjects
{
    /// <summary>Nothing until the cache has synced: a sweep over an empty cache would set a high-water mark for nothing.</summary>
    public async Task<IReadOnlyCollection<CpaasAccount>> AccountsAsync(CancellationToken cancellationToken)
    {
        var accounts = new Dictionary<(string, string), CpaasAccount>();
        if (!projects.HasSynced)
        {
            return accounts.Values;
        }

        foreach (var resource in projects.List().Where(IsManaging))
        {
            if (await AccountOfAsync(resource, cancellationToken) is { } account)
            {
                accounts.TryAdd(Identity(account), account);
            }
        }

        return accounts.Values;
    }

    public async ValueTask<ManagedProject?> FindAsync(CpaasAccount account, string appId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        foreach (var resource in projects.ByIndex(ProjectIndexes.ByAppId, appId))
        {
            if (!IsManaging(resource) || resource.Status?.AppId != appId ||
                await AccountOfAsync(resource, cancellationToken) is not { } used || Identity(used) != Identity(account))
            {
                continue;
            }

            var key = ObjectKey.From(resource);
            var secret = await connectionSecrets.GetAsync(new ObjectKey(key.Namespace, resource.EffectiveConnectionSecretName()), cancellationToken);
            var appKey = ConnectionSecret.ReadAppKey(secret);
            return new ManagedProject(
                key,
                updatedAt.AtConverge(resource),
                DesiredEditFields.From(resource),
                appKey is null ? null : fingerprints.Of(appKey),
                updatedAt.LastOwnWriteAt(key));
        }

        return null;
    }

    private static bool IsManaging(CpaasProjectSummary resource) =>
        resource.Status?.AppId is { Length: > 0 } &&
        resource.Metadata.DeletionTimestamp is null &&
        !PauseAnnotation.IsPaused(resource);

    private async Task<CpaasAccount?> AccountOfAsync(CpaasProjectSummary resource, CancellationToken cancellationToken)
    {
        try
        {
            return await inputs.ResolveAccountAsync(resource.Metadata.NamespaceProperty, resource.Spec.CredentialsSecretRef, cancellationToken);
        }
        catch (ReconcileProblem)
        {
            // Missing or unusable credentials: the reconciler reports it; nothing to sweep for this resource.
            return null;
        }
    }

    private static (string BaseUrl, string ApiId) Identity(CpaasAccount account) => (account.BaseUrl.AbsoluteUri, account.ApiId);
}

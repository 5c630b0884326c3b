using System.Collections.Concurrent;
using Controller.Runtime;
using Controller.Runtime.Cache;
using Controller.Runtime.Client;
using Controller.Runtime.Resources;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Reconciliation;
using k8s.Models;

namespace Cpaas.Operator.Secrets;

/// <summary>
/// Connection Secrets: read from the informer cache restricted to the operator's managed-by label, written through
/// the API server. A Secret of the same name that the label-selected cache does not hold is still seen, through the
/// metadata-only cache of every other Secret, so the reconciler never takes over a Secret it did not write:
/// <list type="bullet">
/// <item>someone else's Secret (no managed-by label of ours, not controlled by a CpaasProject) is answered with its
/// metadata only (labels, owner references): enough to refuse it, and its data is never read;</item>
/// <item>a Secret controlled by a CpaasProject (a user removed our label) is read with one GET, not kept: the
/// reconciler then rewrites it with the label, or refuses it when another resource controls it;</item>
/// <item>a create answered AlreadyExists before either cache saw the Secret (ours, with the labelled cache behind, or
/// someone else's) reads its metadata once, so the next reconcile takes it or reports the conflict instead of
/// retrying the create.</item>
/// <item>a Secret this process just created or replaced is answered as written until the labelled cache has caught
/// up (<see cref="RecentSecretWrites"/>).</item>
/// </list>
/// </summary>
public sealed class LabelledConnectionSecretStore : IConnectionSecretStore
{
    private static readonly ResourceType OwnerType = ResourceType.For<CpaasProject>();

    private readonly IReadOnlyCache<V1Secret> _labelled;
    private readonly IReadOnlyCache<PartialObjectMetadata> _metadata;
    private readonly ResourceClient<V1Secret> _client;
    private readonly IObjectReader<PartialObjectMetadata> _metadataReader;
    private readonly RecentSecretWrites _written;

    // Secrets a create found already there that the metadata cache had not seen yet; each answer is used once.
    private readonly ConcurrentDictionary<ObjectKey, PartialObjectMetadata> _foundByCreate = new();

    public LabelledConnectionSecretStore(
        IReadOnlyCache<V1Secret> labelled,
        IReadOnlyCache<PartialObjectMetadata> metadata,
        ResourceClient<V1Secret> client,
        IObjectReader<PartialObjectMetadata> metadataReader,
        RecentSecretWrites written)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(metadataReader);
        ArgumentNullException.ThrowIfNull(written);
        _labelled = labelled;
        _written = written;
        _metadata = metadata;
        _client = client;
        _metadataReader = metadataReader;
    }

    public async ValueTask<V1Secret?> GetAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        if (_written.Current(key, _labelled.Get(key)) is { } ours)
        {
            _foundByCreate.TryRemove(key, out _);
            return ours;
        }

        var metadata = _metadata.Get(key);
        if (metadata is not null)
        {
            _foundByCreate.TryRemove(key, out _);
        }
        else if (!_foundByCreate.TryRemove(key, out metadata))
        {
            return null;
        }

        return MayBeOurs(metadata.Metadata)
            ? await _client.GetAsync(key, cancellationToken)
            : MetadataOnly(metadata);
    }

    public async Task<V1Secret> CreateAsync(V1Secret secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        try
        {
            var created = await _client.CreateAsync(secret, cancellationToken);
            _written.Wrote(created);
            return created;
        }
        catch (KubeApiException error) when (error.IsAlreadyExists)
        {
            var key = ObjectKey.From(secret);
            if (await _metadataReader.GetAsync(key, cancellationToken) is { } existing)
            {
                _foundByCreate[key] = existing;
            }

            throw;
        }
    }

    public async Task<V1Secret> ReplaceAsync(V1Secret secret, CancellationToken cancellationToken)
    {
        var replaced = await _client.ReplaceAsync(secret, cancellationToken);
        _written.Wrote(replaced);
        return replaced;
    }

    public async Task DeleteAsync(ObjectKey key, string? uid, CancellationToken cancellationToken)
    {
        await _client.DeleteAsync(key, cancellationToken, uid: uid);
        _written.Seen(key);
    }

    /// <summary>Labelled by us, or controlled by a CpaasProject: its data is the operator's own.</summary>
    private static bool MayBeOurs(V1ObjectMeta? metadata) =>
        (metadata?.Labels is { } labels &&
         labels.TryGetValue(WellKnownNames.Labels.ManagedBy, out var managedBy) &&
         managedBy == WellKnownNames.Labels.ManagedByValue) ||
        metadata?.OwnerReferences?.Any(o => o.Controller == true && OwnerType.Matches(o.ApiVersion, o.Kind)) == true;

    private static V1Secret MetadataOnly(PartialObjectMetadata metadata) =>
        new() { ApiVersion = "v1", Kind = "Secret", Metadata = metadata.Metadata };
}

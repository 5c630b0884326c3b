using Controller.Runtime;
using Controller.Runtime.Cache;
using Controller.Runtime.Client;
using k8s.Models;

namespace Cpaas.Operator.Reconciliation;

/// <summary>Connection Secrets read from the informer cache and written through the API server.</summary>
public sealed class KubernetesConnectionSecretStore(IReadOnlyCache<V1Secret> cache, ResourceClient<V1Secret> client) : IConnectionSecretStore
{
    public ValueTask<V1Secret?> GetAsync(ObjectKey key, CancellationToken cancellationToken) => ValueTask.FromResult(cache.Get(key));

    public Task<V1Secret> CreateAsync(V1Secret secret, CancellationToken cancellationToken) => client.CreateAsync(secret, cancellationToken);

    public Task<V1Secret> ReplaceAsync(V1Secret secret, CancellationToken cancellationToken) => client.ReplaceAsync(secret, cancellationToken);

    public Task DeleteAsync(ObjectKey key, string? uid, CancellationToken cancellationToken) => client.DeleteAsync(key, cancellationToken, uid: uid);
}

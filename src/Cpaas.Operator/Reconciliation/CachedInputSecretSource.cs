using Controller.Runtime;
using Controller.Runtime.Cache;
using k8s.Models;

namespace Cpaas.Operator.Reconciliation;

/// <summary>Input Secrets from the informer cache of Secrets.</summary>
public sealed class CachedInputSecretSource(IReadOnlyCache<V1Secret> secrets) : IInputSecretSource
{
    public ValueTask<V1Secret?> GetAsync(ObjectKey key, CancellationToken cancellationToken) => ValueTask.FromResult(secrets.Get(key));
}

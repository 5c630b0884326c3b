using Controller.Runtime;
using k8s.Models;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Where the reconciler reads the Secrets a resource references (the credentials Secret and every ...SecretRef):
/// read on demand and kept only while referenced (docs/decisions/0030-metadata-only-secrets.md).
/// </summary>
public interface IInputSecretSource
{
    /// <summary>
    /// Declares every Secret <paramref name="referrer"/> references now, replacing what it declared before: the
    /// reconciler does, as it reads the whole resource (the informer cache does not hold the spec's sections).
    /// </summary>
    void Track(ObjectKey referrer, IEnumerable<ObjectKey> secrets);

    /// <summary>The Secret, or null when it does not exist.</summary>
    ValueTask<V1Secret?> GetAsync(ObjectKey key, CancellationToken cancellationToken);
}

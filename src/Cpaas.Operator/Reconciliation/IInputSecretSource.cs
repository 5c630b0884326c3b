using Controller.Runtime;
using k8s.Models;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Where the reconciler reads the Secrets a resource references (the credentials Secret and every ...SecretRef).
/// Today an informer cache of all Secrets; a metadata-only watch with on-demand reads can replace it here alone.
/// </summary>
public interface IInputSecretSource
{
    /// <summary>The Secret, or null when it does not exist.</summary>
    ValueTask<V1Secret?> GetAsync(ObjectKey key, CancellationToken cancellationToken);
}

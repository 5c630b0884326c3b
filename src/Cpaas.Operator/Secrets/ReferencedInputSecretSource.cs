using Controller.Runtime;
using Controller.Runtime.Cache;
using Cpaas.Operator.Reconciliation;
using k8s.Models;

namespace Cpaas.Operator.Secrets;

/// <summary>
/// Input Secrets (credentials, every ...SecretRef) read by reference: data fetched with one GET on first use and kept
/// only while some CpaasProject references the Secret (docs/decisions/0030-metadata-only-secrets.md). A reference to
/// one of the operator's own connection Secrets is answered from the connection cache, which holds them whole (the
/// metadata watch behind the referenced cache leaves them out).
/// </summary>
public sealed class ReferencedInputSecretSource(ReferencedObjectCache<V1Secret> secrets, IReadOnlyCache<V1Secret> connectionSecrets) : IInputSecretSource
{
    public void Track(ObjectKey referrer, IEnumerable<ObjectKey> referenced) => secrets.SetReferences(referrer, referenced);

    public async ValueTask<V1Secret?> GetAsync(ObjectKey key, CancellationToken cancellationToken) =>
        connectionSecrets.Get(key) ?? await secrets.GetAsync(key, cancellationToken);
}

using Controller.Runtime;
using k8s.Models;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Reads and writes the connection Secrets the operator publishes (separate from <see cref="IInputSecretSource"/>,
/// so either can change how it reads without touching the other or the reconciler).
/// </summary>
public interface IConnectionSecretStore
{
    /// <summary>The Secret, or null when it does not exist (as far as this store knows).</summary>
    ValueTask<V1Secret?> GetAsync(ObjectKey key, CancellationToken cancellationToken);

    /// <exception cref="Controller.Runtime.Client.KubeApiException">AlreadyExists when it appeared meanwhile.</exception>
    Task<V1Secret> CreateAsync(V1Secret secret, CancellationToken cancellationToken);

    /// <summary>Replaces the Secret (its metadata.resourceVersion is the precondition).</summary>
    Task<V1Secret> ReplaceAsync(V1Secret secret, CancellationToken cancellationToken);

    /// <summary>Deletes the Secret if it still has <paramref name="uid"/>.</summary>
    Task DeleteAsync(ObjectKey key, string? uid, CancellationToken cancellationToken);
}

using Controller.Runtime;
using Controller.Runtime.Client;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary><see cref="IProjectClient"/> on the runtime's resource client.</summary>
public sealed class KubernetesProjectClient(ResourceClient<CpaasProject> client) : IProjectClient
{
    public Task<CpaasProject?> GetAsync(ObjectKey key, CancellationToken cancellationToken) => client.GetAsync(key, cancellationToken);

    public Task<CpaasProject> PatchAsync(ObjectKey key, PatchType type, string patch, CancellationToken cancellationToken) =>
        client.PatchAsync(key, type, patch, cancellationToken);

    public Task<CpaasProject> PatchStatusAsync(ObjectKey key, PatchType type, string patch, CancellationToken cancellationToken) =>
        client.PatchStatusAsync(key, type, patch, cancellationToken);

    public Task<CpaasProject> ReplaceStatusAsync(CpaasProject project, CancellationToken cancellationToken) =>
        client.ReplaceStatusAsync(project, cancellationToken);
}

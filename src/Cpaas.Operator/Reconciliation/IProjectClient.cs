using Controller.Runtime;
using Controller.Runtime.Client;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary>The Kubernetes API calls the reconciler makes on CpaasProject objects (reads come from the informer cache).</summary>
public interface IProjectClient
{
    Task<CpaasProject?> GetAsync(ObjectKey key, CancellationToken cancellationToken);

    Task<CpaasProject> PatchAsync(ObjectKey key, PatchType type, string patch, CancellationToken cancellationToken);

    Task<CpaasProject> PatchStatusAsync(ObjectKey key, PatchType type, string patch, CancellationToken cancellationToken);

    Task<CpaasProject> ReplaceStatusAsync(CpaasProject project, CancellationToken cancellationToken);
}

namespace Controller.Runtime;

/// <summary>
/// Drives the object named by a key towards its desired state. Called by a controller's workers; never called
/// twice at once for the same key. Reads informer caches, writes through the Kubernetes client.
/// </summary>
/// <remarks>
/// Outcomes: return <see cref="ReconcileResult.Done"/> when converged, <see cref="ReconcileResult.RequeueAfter"/>
/// to look again later (periodic drift checks), <see cref="ReconcileResult.Requeue"/> to retry with per-key backoff,
/// <see cref="ReconcileResult.Terminal"/> when retrying cannot help until the object changes (it is counted and logged,
/// and the key is not retried). Throwing means an unexpected failure: retried with backoff and counted as an error.
/// </remarks>
public interface IReconciler
{
    Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken);
}

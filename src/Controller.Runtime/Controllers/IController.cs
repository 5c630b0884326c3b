using Controller.Runtime.Informers;
using Controller.Runtime.Queue;

namespace Controller.Runtime.Controllers;

/// <summary>The kind-independent face of a controller, for the manager.</summary>
public interface IController
{
    string Name { get; }

    /// <summary>The informers whose caches must be synced before workers start.</summary>
    IReadOnlyList<IInformer> Informers { get; }

    /// <summary>
    /// Runs workers until <paramref name="stoppingToken"/> fires, then stops taking work and waits (up to the
    /// graceful timeout) for in-flight reconciles. <paramref name="abortToken"/> cancels in-flight reconciles at once
    /// (used when leadership is lost).
    /// </summary>
    Task RunAsync(CancellationToken stoppingToken, CancellationToken abortToken = default);

    /// <summary>Queues a key for reconciliation at high priority (dropped when the controller is not running).</summary>
    void Enqueue(ObjectKey key);

    /// <summary>
    /// Queues a key at a priority: <see cref="WorkPriority.High"/> for changes (watch events, sweep findings),
    /// <see cref="WorkPriority.Low"/> for periodic checks.
    /// </summary>
    void Enqueue(ObjectKey key, WorkPriority priority) => Enqueue(key);
}

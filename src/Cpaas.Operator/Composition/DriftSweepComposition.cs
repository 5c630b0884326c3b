using Controller.Runtime.Cache;
using Cpaas.Client;
using Cpaas.Operator.Drift;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Entities.Summary;
using Cpaas.Operator.Reconciliation;
using Microsoft.Extensions.Logging;

namespace Cpaas.Operator.Composition;

/// <summary>
/// Builds the drift sweep (docs/decisions/0040-drift-sweep.md): the one place the sweeper and its loop are
/// constructed. The loop is a leader-only runnable the manager starts and cancels
/// (docs/decisions/0069-runnables-and-composition-root.md).
/// </summary>
public static class DriftSweepComposition
{
    /// <param name="cpaas">The CPaaS API (the sweep lists projects at low priority).</param>
    /// <param name="projects">The CpaasProject summaries this process manages.</param>
    /// <param name="connectionSecrets">The connection Secrets (key fingerprints).</param>
    /// <param name="reconcile">The reconciler's graph: inputs, observe schedule and updated_at memory.</param>
    /// <param name="trust">Which accounts' updated_at proved unreliable (shared with the reconcile path).</param>
    /// <param name="metrics">The sweep's metrics (shared with <paramref name="trust"/>).</param>
    /// <param name="enqueue">Queues a resource for reconciliation at a priority (the controller's).</param>
    /// <param name="options">The sweep's settings.</param>
    /// <param name="time">The clock.</param>
    /// <param name="loggerFactory">The operator's logging.</param>
    public static DriftSweepLoop Build(
        ICpaasClient cpaas,
        IReadOnlyCache<CpaasProjectSummary> projects,
        IConnectionSecretStore connectionSecrets,
        ReconcilerGraph reconcile,
        UpdatedAtTrust trust,
        DriftMetrics metrics,
        Action<Controller.Runtime.ObjectKey, Controller.Runtime.Queue.WorkPriority> enqueue,
        DriftSweepOptions options,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(reconcile);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var fingerprints = new KeyFingerprint();
        var managed = new CachedManagedProjects(projects, reconcile.Inputs, connectionSecrets, fingerprints, reconcile.UpdatedAt);
        var sweeper = new DriftSweeper(
            cpaas,
            managed,
            new ReconcileFindingSink(reconcile.ObserveSchedule, enqueue),
            fingerprints,
            trust,
            metrics,
            options,
            time,
            loggerFactory.CreateLogger<DriftSweeper>());
        return new DriftSweepLoop(sweeper, managed, options, time, loggerFactory.CreateLogger<DriftSweepLoop>());
    }
}

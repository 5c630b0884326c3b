using Prometheus;

namespace Controller.Runtime.Metrics;

/// <summary>controller-runtime's controller metrics, labelled <c>controller</c> (and <c>result</c>).</summary>
public sealed class ControllerMetrics
{
    private readonly Counter _reconcileTotal;
    private readonly Counter _reconcileErrors;
    private readonly Counter _terminalErrors;
    private readonly Histogram _reconcileTime;
    private readonly Gauge _activeWorkers;
    private readonly Gauge _maxConcurrent;

    public ControllerMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _reconcileTotal = factory.CreateCounter(
            "controller_runtime_reconcile_total",
            "Total number of reconciliations per controller",
            "controller",
            "result");
        _reconcileErrors = factory.CreateCounter(
            "controller_runtime_reconcile_errors_total",
            "Total number of reconciliation errors per controller",
            "controller");
        _terminalErrors = factory.CreateCounter(
            "controller_runtime_terminal_reconcile_errors_total",
            "Total number of terminal reconciliation errors per controller",
            "controller");
        _reconcileTime = factory.CreateHistogram(
            "controller_runtime_reconcile_time_seconds",
            "Length of time per reconciliation per controller",
            new HistogramConfiguration
            {
                LabelNames = ["controller"],
                Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60],
            });
        _activeWorkers = factory.CreateGauge(
            "controller_runtime_active_workers",
            "Number of currently used workers per controller",
            "controller");
        _maxConcurrent = factory.CreateGauge(
            "controller_runtime_max_concurrent_reconciles",
            "Maximum number of concurrent reconciles per controller",
            "controller");
    }

    /// <summary>The children of one controller.</summary>
    public Handles For(string controller)
    {
        ArgumentException.ThrowIfNullOrEmpty(controller);
        return new Handles(
            _reconcileTotal.WithLabels(controller, "success"),
            _reconcileTotal.WithLabels(controller, "error"),
            _reconcileTotal.WithLabels(controller, "requeue"),
            _reconcileTotal.WithLabels(controller, "requeue_after"),
            _reconcileErrors.WithLabels(controller),
            _terminalErrors.WithLabels(controller),
            _reconcileTime.WithLabels(controller),
            _activeWorkers.WithLabels(controller),
            _maxConcurrent.WithLabels(controller));
    }

    /// <summary>Per-controller metric children.</summary>
    public sealed record Handles(
        Counter.Child Success,
        Counter.Child Error,
        Counter.Child Requeue,
        Counter.Child RequeueAfter,
        Counter.Child Errors,
        Counter.Child TerminalErrors,
        Histogram.Child ReconcileTime,
        Gauge.Child ActiveWorkers,
        Gauge.Child MaxConcurrentReconciles);
}

namespace Cpaas.Benchmark.Harness.Operator;

/// <summary>Sums over the operator's Prometheus samples (controller_runtime_*, workqueue_*, process_*, dotnet_*).</summary>
public static class OperatorMetricsView
{
    public static double Sum(this IReadOnlyList<MetricSample> samples, string name, Func<IReadOnlyDictionary<string, string>, bool>? labels = null) =>
        samples.Where(s => s.Name == name && (labels is null || labels(s.Labels)) && !double.IsNaN(s.Value)).Sum(s => s.Value);

    /// <summary>Completed reconciles (any result).</summary>
    public static double ReconcilesCompleted(this IReadOnlyList<MetricSample> samples) =>
        samples.Sum("controller_runtime_reconcile_total");

    public static double WorkQueueDepth(this IReadOnlyList<MetricSample> samples) =>
        samples.Sum("workqueue_depth");
}

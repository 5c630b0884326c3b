using Prometheus;

namespace Controller.Runtime.Metrics;

/// <summary>
/// The work queue metrics of client-go/controller-runtime, labelled <c>name</c>. One instance per registry;
/// queues get their children with <see cref="For"/>. Unfinished-work and longest-running gauges are computed
/// at scrape time from the queues that are alive.
/// </summary>
public sealed class WorkQueueMetrics
{
    private static readonly double[] LatencyBuckets = Histogram.ExponentialBuckets(1e-8, 10, 10);
    private readonly Gauge _depth;
    private readonly Counter _adds;
    private readonly Histogram _queueDuration;
    private readonly Histogram _workDuration;
    private readonly Counter _retries;
    private readonly Gauge _unfinished;
    private readonly Gauge _longestRunning;
    private readonly Lock _gate = new();
    private readonly List<IInFlightSource> _sources = [];

    public WorkQueueMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        string[] labels = ["name"];
        // As controller-runtime since its priority queue: one depth series per priority ("0" high, "-100" low).
        _depth = factory.CreateGauge("workqueue_depth", "Current depth of workqueue by workqueue and priority", ["name", "priority"]);
        _adds = factory.CreateCounter("workqueue_adds_total", "Total number of adds handled by workqueue", labels);
        _queueDuration = factory.CreateHistogram(
            "workqueue_queue_duration_seconds",
            "How long in seconds an item stays in workqueue before being requested",
            new HistogramConfiguration { LabelNames = labels, Buckets = LatencyBuckets });
        _workDuration = factory.CreateHistogram(
            "workqueue_work_duration_seconds",
            "How long in seconds processing an item from workqueue takes",
            new HistogramConfiguration { LabelNames = labels, Buckets = LatencyBuckets });
        _retries = factory.CreateCounter("workqueue_retries_total", "Total number of retries handled by workqueue", labels);
        _unfinished = factory.CreateGauge(
            "workqueue_unfinished_work_seconds",
            "How many seconds of work has been done that is in progress and hasn't been observed by work_duration",
            labels);
        _longestRunning = factory.CreateGauge(
            "workqueue_longest_running_processor_seconds",
            "How many seconds has the longest running processor for workqueue been running",
            labels);
        registry.AddBeforeCollectCallback(UpdateInFlightGauges);
    }

    /// <summary>Per-queue handles.</summary>
    public QueueMetrics For(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var high = _depth.WithLabels(name, PriorityLabel(Queue.WorkPriority.High));
        var low = _depth.WithLabels(name, PriorityLabel(Queue.WorkPriority.Low));
        high.Set(0);
        low.Set(0);
        return new QueueMetrics(
            this,
            high,
            low,
            _adds.WithLabels(name),
            _queueDuration.WithLabels(name),
            _workDuration.WithLabels(name),
            _retries.WithLabels(name),
            _unfinished.WithLabels(name),
            _longestRunning.WithLabels(name));
    }

    private static string PriorityLabel(Queue.WorkPriority priority) =>
        ((int)priority).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal void Register(IInFlightSource source)
    {
        lock (_gate)
        {
            _sources.Add(source);
        }
    }

    internal void Unregister(IInFlightSource source)
    {
        lock (_gate)
        {
            _sources.Remove(source);
        }
    }

    private void UpdateInFlightGauges()
    {
        IInFlightSource[] snapshot;
        lock (_gate)
        {
            snapshot = [.. _sources];
        }

        foreach (var source in snapshot)
        {
            source.PublishInFlight();
        }
    }

    /// <summary>Something that publishes its in-flight gauges at scrape time.</summary>
    internal interface IInFlightSource
    {
        void PublishInFlight();
    }

    /// <summary>The metric children of one named queue.</summary>
    public sealed class QueueMetrics
    {
        internal QueueMetrics(
            WorkQueueMetrics owner,
            Gauge.Child depthHigh,
            Gauge.Child depthLow,
            Counter.Child adds,
            Histogram.Child queueDuration,
            Histogram.Child workDuration,
            Counter.Child retries,
            Gauge.Child unfinished,
            Gauge.Child longestRunning)
        {
            Owner = owner;
            DepthHigh = depthHigh;
            DepthLow = depthLow;
            Adds = adds;
            QueueDuration = queueDuration;
            WorkDuration = workDuration;
            Retries = retries;
            Unfinished = unfinished;
            LongestRunning = longestRunning;
        }

        internal WorkQueueMetrics Owner { get; }

        internal Gauge.Child DepthHigh { get; }

        internal Gauge.Child DepthLow { get; }

        internal Counter.Child Adds { get; }

        internal Gauge.Child DepthOf(Queue.WorkPriority priority) => priority >= Queue.WorkPriority.High ? DepthHigh : DepthLow;

        internal Histogram.Child QueueDuration { get; }

        internal Histogram.Child WorkDuration { get; }

        internal Counter.Child Retries { get; }

        internal Gauge.Child Unfinished { get; }

        internal Gauge.Child LongestRunning { get; }
    }
}

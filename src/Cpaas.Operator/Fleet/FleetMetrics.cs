using Cpaas.Operator.Entities.Summary;
using Prometheus;

namespace Cpaas.Operator.Fleet;

/// <summary>
/// Fleet state gauges in the style of kube-state-metrics and Crossplane's managed-resource metrics, recomputed from the
/// CpaasProject informer cache each time /metrics is scraped (no timer, no API call):
/// <c>cpaas_operator_projects{namespace,condition,status,reason}</c>,
/// <c>cpaas_operator_oldest_not_ready_seconds{namespace,reason}</c> and <c>cpaas_operator_leader</c>.
/// Series of a namespace or reason that no longer has projects disappear. Nothing is exported until the cache has
/// synced (<paramref name="projects"/> returns null), so a starting replica never reports an empty fleet.
/// Every replica exports the same counts from its own cache: aggregate with max, not sum (see docs/operations.md).
/// </summary>
public sealed class FleetMetrics
{
    private readonly Func<IReadOnlyCollection<CpaasProjectSummary>?> _projects;
    private readonly Func<bool> _isLeader;
    private readonly TimeProvider _time;
    private readonly Gauge _count;
    private readonly Gauge _oldestNotReady;
    private readonly Gauge _leader;
    private readonly Lock _gate = new();

    private FleetMetrics(CollectorRegistry registry, Func<IReadOnlyCollection<CpaasProjectSummary>?> projects, Func<bool> isLeader, TimeProvider time)
    {
        _projects = projects;
        _isLeader = isLeader;
        _time = time;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _count = factory.CreateGauge(
            "cpaas_operator_projects",
            "CpaasProjects by namespace and by status and reason of their Ready and Synced conditions (NotReported: not written yet).",
            new GaugeConfiguration { LabelNames = ["namespace", "condition", "status", "reason"] });
        _oldestNotReady = factory.CreateGauge(
            "cpaas_operator_oldest_not_ready_seconds",
            "Seconds since the oldest not-Ready CpaasProject of a namespace and reason last became not Ready (its Ready condition's lastTransitionTime).",
            new GaugeConfiguration { LabelNames = ["namespace", "reason"] });
        _leader = factory.CreateGauge("cpaas_operator_leader", "1 while this replica holds the leader-election Lease and reconciles, else 0.");
    }

    /// <summary>Registers the gauges and their refresh before every collection of <paramref name="registry"/>.</summary>
    public static FleetMetrics Register(CollectorRegistry registry, Func<IReadOnlyCollection<CpaasProjectSummary>?> projects, Func<bool> isLeader, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(isLeader);
        ArgumentNullException.ThrowIfNull(time);
        var metrics = new FleetMetrics(registry, projects, isLeader, time);
        registry.AddBeforeCollectCallback(metrics.Refresh);
        return metrics;
    }

    /// <summary>Recomputes every gauge; called by the registry before each scrape.</summary>
    public void Refresh()
    {
        lock (_gate)
        {
            _leader.Set(_isLeader() ? 1 : 0);
            var projects = _projects();
            if (projects is null)
            {
                return;
            }

            var snapshot = FleetSnapshot.Take(projects, _time.GetUtcNow());
            Publish(_count, snapshot.Projects.ToDictionary(p => new[] { p.Key.Namespace, p.Key.Condition, p.Key.Status, p.Key.Reason }, p => (double)p.Value));
            Publish(_oldestNotReady, snapshot.OldestNotReadySeconds.ToDictionary(p => new[] { p.Key.Namespace, p.Key.Reason }, p => p.Value));
        }
    }

    private static void Publish(Gauge gauge, Dictionary<string[], double> values)
    {
        var current = values.Keys.Select(Join).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in gauge.GetAllLabelValues().Where(labels => !current.Contains(Join(labels))).ToList())
        {
            gauge.RemoveLabelled(stale);
        }

        foreach (var (labels, value) in values)
        {
            gauge.WithLabels(labels).Set(value);
        }
    }

    private static string Join(string[] labels) => string.Join('\u001f', labels);
}

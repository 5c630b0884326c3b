using Cpaas.Operator.Entities.Summary;
using Cpaas.Operator.Fleet;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace Cpaas.Operator.Tests.Fleet;

public sealed class FleetMetricsTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static CpaasProjectSummary Project(string ns, string name, params (string Type, string Status, string Reason, TimeSpan Ago)[] conditions) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, CreationTimestamp = Now.AddHours(-1).UtcDateTime },
        Status = conditions.Length == 0 ? null : new ProjectSummaryStatus
        {
            Conditions = [.. conditions.Select(c => new V1Condition { LastTransitionTime = Now.Subtract(c.Ago).UtcDateTime, Message = "message", Reason = c.Reason, Status = c.Status, Type = c.Type })],
        },
    };

    private static (string, string, string, TimeSpan) Ready(string status, string reason, TimeSpan ago) => ("Ready", status, reason, ago);

    private static (string, string, string, TimeSpan) Synced(string status, string reason) => ("Synced", status, reason, TimeSpan.Zero);

    [Fact]
    public void Projects_are_counted_per_namespace_condition_status_and_reason_without_names()
    {
        var snapshot = FleetSnapshot.Take(
            [
                Project("a", "p1", Ready("True", "Available", TimeSpan.FromHours(1)), Synced("True", "ReconcileSuccess")),
                Project("a", "p2", Ready("True", "Available", TimeSpan.FromMinutes(5)), Synced("True", "ReconcileSuccess")),
                Project("a", "p3", Ready("False", "InvalidSpec", TimeSpan.FromMinutes(3)), Synced("False", "InvalidSpec")),
                Project("b", "p4", Ready("False", "ApiUnavailable", TimeSpan.FromMinutes(20)), Synced("False", "ApiUnavailable")),
            ],
            Now);

        Assert.Equal(2, snapshot.Projects[new ConditionCountKey("a", "Ready", "True", "Available")]);
        Assert.Equal(2, snapshot.Projects[new ConditionCountKey("a", "Synced", "True", "ReconcileSuccess")]);
        Assert.Equal(1, snapshot.Projects[new ConditionCountKey("a", "Ready", "False", "InvalidSpec")]);
        Assert.Equal(1, snapshot.Projects[new ConditionCountKey("b", "Synced", "False", "ApiUnavailable")]);
        Assert.Equal(6, snapshot.Projects.Count);
        Assert.Equal(8, snapshot.Projects.Values.Sum());
    }

    [Fact]
    public void A_project_without_status_counts_as_Unknown_NotReported_and_not_Ready_since_its_creation()
    {
        var snapshot = FleetSnapshot.Take([Project("a", "new")], Now);

        Assert.Equal(1, snapshot.Projects[new ConditionCountKey("a", "Ready", "Unknown", FleetSnapshot.NotReported)]);
        Assert.Equal(1, snapshot.Projects[new ConditionCountKey("a", "Synced", "Unknown", FleetSnapshot.NotReported)]);
        Assert.Equal(3600, snapshot.OldestNotReadySeconds[new NotReadyKey("a", FleetSnapshot.NotReported)]);
    }

    [Fact]
    public void Oldest_not_ready_is_the_longest_time_since_a_Ready_transition_per_namespace_and_reason()
    {
        var snapshot = FleetSnapshot.Take(
            [
                Project("a", "p1", Ready("False", "ApiUnavailable", TimeSpan.FromMinutes(20))),
                Project("a", "p2", Ready("False", "ApiUnavailable", TimeSpan.FromMinutes(2))),
                Project("a", "p3", Ready("False", "InvalidSpec", TimeSpan.FromMinutes(7))),
                Project("a", "p4", Ready("True", "Available", TimeSpan.FromDays(3))),
            ],
            Now);

        Assert.Equal(2, snapshot.OldestNotReadySeconds.Count);
        Assert.Equal(1200, snapshot.OldestNotReadySeconds[new NotReadyKey("a", "ApiUnavailable")]);
        Assert.Equal(420, snapshot.OldestNotReadySeconds[new NotReadyKey("a", "InvalidSpec")]);
    }

    [Fact]
    public async Task Each_scrape_recomputes_the_gauges_from_the_cache_and_drops_series_that_no_longer_have_projects()
    {
        var time = new FakeTimeProvider(Now);
        var registry = Prometheus.Metrics.NewCustomRegistry();
        IReadOnlyCollection<CpaasProjectSummary>? cache = null;
        var leader = false;
        FleetMetrics.Register(registry, () => cache, () => leader, time);

        // Before the cache has synced: no fleet series at all (an empty fleet would be a lie), only the leader gauge.
        var text = await ScrapeAsync(registry);
        Assert.DoesNotContain("cpaas_operator_projects{", text, StringComparison.Ordinal);
        Assert.Contains("cpaas_operator_leader 0", text, StringComparison.Ordinal);

        cache = [Project("team-a", "p1", Ready("False", "ApiUnavailable", TimeSpan.FromMinutes(1)), Synced("False", "ApiUnavailable"))];
        leader = true;
        time.Advance(TimeSpan.FromMinutes(16));
        text = await ScrapeAsync(registry);
        Assert.Contains("cpaas_operator_projects{namespace=\"team-a\",condition=\"Ready\",status=\"False\",reason=\"ApiUnavailable\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("cpaas_operator_oldest_not_ready_seconds{namespace=\"team-a\",reason=\"ApiUnavailable\"} 1020", text, StringComparison.Ordinal);
        Assert.Contains("cpaas_operator_leader 1", text, StringComparison.Ordinal);

        cache = [Project("team-a", "p1", Ready("True", "Available", TimeSpan.Zero), Synced("True", "ReconcileSuccess"))];
        text = await ScrapeAsync(registry);
        Assert.Contains("cpaas_operator_projects{namespace=\"team-a\",condition=\"Ready\",status=\"True\",reason=\"Available\"} 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("reason=\"ApiUnavailable\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cpaas_operator_oldest_not_ready_seconds{", text, StringComparison.Ordinal);
    }

    private static async Task<string> ScrapeAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Quickstart.Tests.Support;

namespace Quickstart.Tests.Journeys;

/// <summary>What an SRE scrapes: the operator's /metrics after a sample converged, as Prometheus would read it.</summary>
[Collection(OperatorCollection.Name)]
public sealed partial class MetricsJourneyTests
{
    private readonly OperatorFixture _fixture;

    public MetricsJourneyTests(OperatorFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task After_a_sample_converges_metrics_show_its_cpaas_calls_reconciles_and_the_created_project()
    {
        var ns = await _fixture.NamespaceAsync("metrics");
        (await _fixture.KubectlWithInputAsync(await SandboxSamples.ProjectAsync(_fixture, "video-demo"), "apply", "-f", "-", "-n", ns)).EnsureSuccess();
        (await _fixture.KubectlAsync("wait", "--for=condition=Ready", "cpaasproject", "video-demo", "-n", ns, "--timeout=3m")).EnsureSuccess();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var text = await http.GetStringAsync(new Uri(_fixture.ProbeUrl, "metrics"));

        // The CPaaS client's meter, published through prometheus-net's MeterAdapter.
        Assert.True(Sample(text, "cpaas_client_requests_total", "operation=\"add_project\"", "result=\"success\"") >= 1, Excerpt(text, "cpaas_client"));
        Assert.True(Sample(text, "cpaas_client_attempts_total", "operation=\"add_project\"", "status=\"200\"") >= 1, Excerpt(text, "cpaas_client"));
        Assert.True(Sample(text, "cpaas_client_request_duration_seconds_count", "operation=\"patch_video\"", "result=\"success\"") >= 1, Excerpt(text, "cpaas_client"));

        // The controller runtime's and the operator's own.
        Assert.True(Sample(text, "controller_runtime_reconcile_total", "controller=\"cpaasproject\"") >= 1, Excerpt(text, "controller_runtime_reconcile_total"));
        Assert.True(Sample(text, "cpaas_operator_projects_created_total") >= 1, Excerpt(text, "cpaas_operator"));
        Assert.DoesNotContain(_fixture.Cpaas.CustomerAccount.ApiKey, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fleet_metrics_count_Ready_and_stuck_projects_and_every_metric_an_alert_or_a_dashboard_panel_names_is_exported()
    {
        var ns = await _fixture.NamespaceAsync("fleet");
        (await _fixture.KubectlWithInputAsync(await SandboxSamples.ProjectAsync(_fixture, "video-demo"), "apply", "-f", "-", "-n", ns)).EnsureSuccess();
        (await _fixture.KubectlWithInputAsync(StuckProject, "apply", "-f", "-", "-n", ns)).EnsureSuccess();
        (await _fixture.KubectlAsync("wait", "--for=condition=Ready", "cpaasproject", "video-demo", "-n", ns, "--timeout=3m")).EnsureSuccess();
        (await _fixture.KubectlAsync("wait", "--for=condition=Ready=false", "cpaasproject", "stuck-demo", "-n", ns, "--timeout=3m")).EnsureSuccess();

        // The gauges are computed from the operator's cache at scrape time; it sees the status a moment after kubectl.
        var ready = $"namespace=\"{ns}\",condition=\"Ready\",status=\"True\",reason=\"Available\"";
        var text = await ScrapeUntilAsync(t => Sample(t, "cpaas_operator_projects", ready) == 1 && Sample(t, "cpaas_operator_oldest_not_ready_seconds", $"namespace=\"{ns}\"") >= 0);

        Assert.Equal(1, Sample(text, "cpaas_operator_projects", $"namespace=\"{ns}\"", "condition=\"Synced\"", "status=\"True\""));
        Assert.Equal(1, Sample(text, "cpaas_operator_projects", $"namespace=\"{ns}\"", "condition=\"Ready\"", "status=\"False\""));
        Assert.Equal(2, Sample(text, "cpaas_operator_projects", $"namespace=\"{ns}\"", "condition=\"Ready\""));
        Assert.Equal(1, Sample(text, "cpaas_operator_leader"));
        Assert.DoesNotContain("stuck-demo", text, StringComparison.Ordinal); // no per-name label
        Assert.DoesNotContain("video-demo", text, StringComparison.Ordinal);

        // An alert can never select a metric that does not exist.
        var exported = SampleLine().Matches(text).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var (alert, expression) in AlertRules.Load())
        {
            foreach (var metric in AlertRules.MetricNames(expression).Except(AlertRules.SyntheticMetrics))
            {
                Assert.True(exported.Contains(metric), $"alert {alert} selects {metric}, which the operator does not export:\n{string.Join('\n', exported.Order(StringComparer.Ordinal))}");
            }
        }

        // Nor can a dashboard panel. Labelled series appear with their first observation (a drift sweep's counters
        // after the first sweep), so a metric the scrape declares (# TYPE) counts too, with its histogram's series.
        var declared = exported.Union(TypeLine().Matches(text).SelectMany(m => SeriesNames(m.Groups["name"].Value, m.Groups["type"].Value))).ToHashSet(StringComparer.Ordinal);
        foreach (var (source, expression) in DashboardQueries.Load())
        {
            foreach (var metric in AlertRules.MetricNames(expression).Except(AlertRules.SyntheticMetrics))
            {
                Assert.True(declared.Contains(metric), $"dashboard {source} selects {metric}, which the operator does not export:\n{string.Join('\n', declared.Order(StringComparer.Ordinal))}");
            }
        }
    }

    private static IEnumerable<string> SeriesNames(string name, string type) =>
        type is "histogram" ? [name + "_bucket", name + "_sum", name + "_count"] : [name];

    // Its credentials Secret does not exist: it can never become Ready.
    private const string StuckProject = """
        apiVersion: cpaas.enablex.io/v1alpha1
        kind: CpaasProject
        metadata:
          name: stuck-demo
        spec:
          categoryId: customer-support
          credentialsSecretRef:
            name: no-such-credentials
        """;

    private async Task<string> ScrapeUntilAsync(Func<string, bool> condition)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        string text;
        do
        {
            text = await http.GetStringAsync(new Uri(_fixture.ProbeUrl, "metrics"), deadline.Token);
            if (condition(text))
            {
                return text;
            }
        }
        while (await WaitAsync(timer, deadline.Token));

        Assert.Fail("the scrape never showed the expected fleet metrics:\n" + Excerpt(text, "cpaas_operator"));
        return text;
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Sum of the samples of <paramref name="name"/> whose labels include every one of <paramref name="labels"/>; -1 when none.</summary>
    private static double Sample(string text, string name, params string[] labels)
    {
        var found = false;
        var sum = 0.0;
        foreach (Match match in SampleLine().Matches(text))
        {
            if (match.Groups["name"].Value != name || !labels.All(l => match.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            {
                continue;
            }

            found = true;
            sum += double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return found ? sum : -1;
    }

    private static string Excerpt(string text, string prefix) =>
        "metrics starting with " + prefix + ":\n" + string.Join('\n', text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Take(40));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"^# TYPE (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<type>\w+)$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();
}

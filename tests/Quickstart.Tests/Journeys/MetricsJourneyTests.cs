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
        (await _fixture.KubectlAsync("apply", "-f", RepositoryRoot.File("config", "samples", "video-project.yaml"), "-n", ns)).EnsureSuccess();
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
}

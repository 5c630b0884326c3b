using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cpaas.Operator.Tests.Support;

namespace Cpaas.Operator.Tests.Fleet;

/// <summary>
/// config/grafana: every panel query of the dashboard is evaluated by `promtool test rules` over series shaped like the
/// operator's /metrics (config/grafana/tests), the dashboard is well formed for Grafana's sidecar, the kustomize
/// component wraps it in the sidecar's ConfigMap, and docs/operations.md describes every panel.
/// </summary>
public sealed partial class DashboardTests : IDisposable
{
    private static readonly string GrafanaDirectory = RepositoryPaths.Combine("config", "grafana");

    // What Grafana puts in place of the dashboard's variables for its default selection (the metrics Service's job,
    // all namespaces). $__rate_interval is at least four scrape intervals in Grafana; the tests use the alerts' 5m.
    private static readonly Dictionary<string, string> DefaultVariables = new(StringComparer.Ordinal)
    {
        ["job"] = "cpaas-operator-metrics",
        ["namespace"] = ".*",
        ["__rate_interval"] = "5m",
    };

    private readonly string _work = Directory.CreateTempSubdirectory("dashboard-").FullName;

    public static TheoryData<string> TestFiles => [.. Directory.GetFiles(Path.Combine(GrafanaDirectory, "tests"), "*.test.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    private static JsonObject Dashboard => Assert.IsType<JsonObject>(JsonNode.Parse(File.ReadAllText(Path.Combine(GrafanaDirectory, "cpaas-operator.json"))));

    /// <summary>Every panel, those inside collapsed rows included.</summary>
    private static IEnumerable<JsonObject> Panels =>
        Dashboard["panels"]!.AsArray().Select(p => p!.AsObject())
            .SelectMany(p => (p["panels"]?.AsArray() ?? []).Select(c => c!.AsObject()).Prepend(p));

    private static IEnumerable<(string Panel, string Expression)> Queries =>
        Panels.SelectMany(p => (p["targets"]?.AsArray() ?? []).Select(t => ((string)p["title"]!, (string)t!["expr"]!)));

    [Fact]
    public void Every_panel_query_is_evaluated_by_a_promtool_test_and_every_tested_query_is_a_panel_s()
    {
        var tested = Directory.GetFiles(Path.Combine(GrafanaDirectory, "tests"), "*.test.yaml")
            .SelectMany(f => YamlJson.Documents(File.ReadAllText(f)))
            .SelectMany(d => d!["tests"]!.AsArray())
            .SelectMany(t => t!["promql_expr_test"]?.AsArray() ?? [])
            .Select(t => (Expression: (string)t!["expr"]!, Samples: t["exp_samples"]!.AsArray().Count))
            .ToList();
        var panelQueries = Queries.Select(q => (q.Panel, Expression: Substitute(q.Expression))).ToList();

        Assert.NotEmpty(panelQueries);
        Assert.All(panelQueries, q => Assert.True(
            tested.Any(t => t.Expression == q.Expression && t.Samples > 0),
            $"panel '{q.Panel}': no promql_expr_test in config/grafana/tests expects samples of\n{q.Expression}"));
        Assert.All(tested, t => Assert.True(
            panelQueries.Any(q => q.Expression == t.Expression),
            $"config/grafana/tests evaluates a query that no panel has (a stale copy?):\n{t.Expression}"));
    }

    [Theory]
    [MemberData(nameof(TestFiles))]
    public async Task Promtool_evaluates_the_panel_queries_as_expected(string testFile)
    {
        File.Copy(Path.Combine(GrafanaDirectory, "tests", testFile), Path.Combine(_work, testFile));

        var (exitCode, output) = await Promtool.RunAsync("test", "rules", Path.Combine(_work, testFile));

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_query_selects_only_the_operator_s_job_and_uses_only_the_dashboard_s_variables()
    {
        var variables = Dashboard["templating"]!["list"]!.AsArray().Select(v => (string)v!["name"]!).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(new[] { "datasource", "job", "namespace" }, variables.Order(StringComparer.Ordinal));
        foreach (var (panel, expression) in Queries)
        {
            foreach (Match variable in Variable().Matches(expression))
            {
                var name = variable.Groups["name"].Value;
                Assert.True(variables.Contains(name) || name == "__rate_interval", $"panel '{panel}' uses the unknown variable ${name}");
            }

            // One job matcher per selector, so that another job's series of the same name never show.
            var selectors = Selector().Matches(expression);
            Assert.NotEmpty(selectors);
            Assert.All(selectors, s => Assert.Contains("job=\"$job\"", s.Value, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_job_variable_defaults_to_the_metrics_Service_the_alerts_select()
    {
        var service = YamlJson.Single(File.ReadAllText(RepositoryPaths.Combine("config", "prometheus", "service.yaml")));
        var job = Dashboard["templating"]!["list"]!.AsArray().Single(v => (string)v!["name"]! == "job")!;

        Assert.Equal((string)service["metadata"]!["name"]!, (string)job["query"]!);
        Assert.Equal(DefaultVariables["job"], (string)job["query"]!);
        Assert.Equal(DefaultVariables["namespace"], (string)Dashboard["templating"]!["list"]!.AsArray().Single(v => (string)v!["name"]! == "namespace")!["allValue"]!);
    }

    [Fact]
    public void Panels_have_unique_ids_a_title_a_description_the_data_source_variable_and_fit_the_grid()
    {
        var dashboard = Dashboard;
        Assert.Equal("cpaas-operator", (string)dashboard["uid"]!);
        var panels = Panels.ToList();
        Assert.Equal(panels.Count, panels.Select(p => (int)p["id"]!).Distinct().Count());
        foreach (var panel in panels)
        {
            var title = (string)panel["title"]!;
            var grid = panel["gridPos"]!;
            Assert.True((int)grid["x"]! + (int)grid["w"]! <= 24, $"panel '{title}' is wider than the grid");
            if ((string)panel["type"]! == "row")
            {
                continue;
            }

            Assert.False(string.IsNullOrWhiteSpace((string?)panel["description"]), $"panel '{title}' has no description");
            Assert.Equal("${datasource}", (string)panel["datasource"]!["uid"]!);
            var targets = panel["targets"]!.AsArray();
            Assert.NotEmpty(targets);
            Assert.Equal(targets.Count, targets.Select(t => (string)t!["refId"]!).Distinct(StringComparer.Ordinal).Count());
            Assert.All(targets, t => Assert.Equal("${datasource}", (string)t!["datasource"]!["uid"]!));
        }

        // No two panels overlap.
        var cells = new HashSet<(int X, int Y)>();
        foreach (var panel in panels)
        {
            var grid = panel["gridPos"]!;
            for (var x = (int)grid["x"]!; x < (int)grid["x"]! + (int)grid["w"]!; x++)
            {
                for (var y = (int)grid["y"]!; y < (int)grid["y"]! + (int)grid["h"]!; y++)
                {
                    Assert.True(cells.Add((x, y)), $"panel '{(string)panel["title"]!}' overlaps another at ({x}, {y})");
                }
            }
        }
    }

    [Fact]
    public async Task The_component_puts_the_dashboard_in_a_ConfigMap_for_Grafana_s_sidecar_in_cpaas_system()
    {
        await File.WriteAllTextAsync(Path.Combine(_work, "kustomization.yaml"), $"""
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - {Path.GetRelativePath(_work, RepositoryPaths.Combine("config", "default"))}
            components:
              - {Path.GetRelativePath(_work, GrafanaDirectory)}
            """);

        var documents = YamlJson.Objects(await Kustomize.BuildAsync(_work));

        var configMap = Assert.Single(documents, d => (string)d["kind"]! == "ConfigMap" && (string)d["metadata"]!["name"]! == "cpaas-operator-dashboard");
        Assert.Equal("cpaas-system", (string)configMap["metadata"]!["namespace"]!);
        Assert.Equal("1", (string)configMap["metadata"]!["labels"]!["grafana_dashboard"]!);
        var json = (string)Assert.Single(configMap["data"]!.AsObject(), d => d.Key == "cpaas-operator.json").Value!;
        Assert.True(JsonNode.DeepEquals(Dashboard, JsonNode.Parse(json)), "the ConfigMap's dashboard differs from config/grafana/cpaas-operator.json");
    }

    [Fact]
    public async Task Default_has_no_dashboard()
    {
        var yaml = await Kustomize.BuildAsync(RepositoryPaths.Combine("config", "default"));

        Assert.DoesNotContain("grafana_dashboard", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Docs_operations_describes_every_panel()
    {
        var operations = File.ReadAllText(RepositoryPaths.Combine("docs", "operations.md"));
        foreach (var panel in Panels.Where(p => (string)p["type"]! != "row"))
        {
            var title = (string)panel["title"]!;
            Assert.True(operations.Contains($"| {title} |", StringComparison.Ordinal), $"docs/operations.md has no table row for the panel '{title}'");
        }
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static string Substitute(string expression) =>
        Variable().Replace(expression, m => DefaultVariables.TryGetValue(m.Groups["name"].Value, out var value)
            ? value
            : throw new InvalidOperationException($"No default value for the variable {m.Value} in {expression}"));

    // $name or ${name}, as Grafana interpolates them.
    [GeneratedRegex(@"\$\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)\}?")]
    private static partial Regex Variable();

    // A series selector's matchers.
    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Selector();
}

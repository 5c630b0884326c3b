using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cpaas.Operator.Tests.Support;

namespace Cpaas.Operator.Tests.Fleet;

/// <summary>
/// config/prometheus/prometheus-rule.yaml checked and unit-tested with the real promtool (Debian package prometheus;
/// .ci/run installs it). The PrometheusRule is the only source: its spec is the plain rule file promtool reads.
/// </summary>
public sealed partial class AlertRuleTests : IDisposable
{
    private const string RuleFileName = "cpaas-operator.rules.yaml";
    private static readonly string PrometheusDirectory = RepositoryPaths.Combine("config", "prometheus");
    private readonly string _work = Directory.CreateTempSubdirectory("alert-rules-").FullName;

    private static JsonObject PrometheusRule =>
        Assert.IsType<JsonObject>(Assert.Single(YamlJson.Documents(File.ReadAllText(Path.Combine(PrometheusDirectory, "prometheus-rule.yaml")))));

    private static IEnumerable<JsonObject> Alerts =>
        PrometheusRule["spec"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Select(r => r!.AsObject()).Where(r => r["alert"] is not null);

    public static TheoryData<string> TestFiles => [.. Directory.GetFiles(Path.Combine(PrometheusDirectory, "tests"), "*.test.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Promtool_accepts_the_rules_of_the_PrometheusRule()
    {
        var rules = WriteRuleFile();

        var (exitCode, output) = await Promtool.RunAsync("check", "rules", rules);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"SUCCESS: {Alerts.Count()} rules found", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestFiles))]
    public async Task Promtool_unit_tests_of_the_rules_pass(string testFile)
    {
        WriteRuleFile();
        File.Copy(Path.Combine(PrometheusDirectory, "tests", testFile), Path.Combine(_work, testFile));

        var (exitCode, output) = await Promtool.RunAsync("test", "rules", Path.Combine(_work, testFile));

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void Every_alert_is_unit_tested_firing()
    {
        var tested = Directory.GetFiles(Path.Combine(PrometheusDirectory, "tests"), "*.test.yaml")
            .SelectMany(f => YamlJson.Documents(File.ReadAllText(f)))
            .SelectMany(d => d!["tests"]!.AsArray())
            .SelectMany(t => t!["alert_rule_test"]?.AsArray() ?? [])
            .Where(t => t!["exp_alerts"]!.AsArray().Count > 0)
            .Select(t => (string)t!["alertname"]!)
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(Alerts, alert => Assert.Contains((string)alert["alert"]!, tested));
    }

    [Fact]
    public void Every_alert_has_a_severity_a_summary_a_description_naming_its_labels_and_a_runbook_section()
    {
        var runbook = File.ReadAllText(RepositoryPaths.Combine("docs", "operations.md"));
        var anchors = Heading().Matches(runbook).Select(m => Anchor(m.Groups["title"].Value)).ToHashSet(StringComparer.Ordinal);
        foreach (var alert in Alerts)
        {
            var name = (string)alert["alert"]!;
            var annotations = alert["annotations"]!.AsObject();
            Assert.Contains((string)alert["labels"]!["severity"]!, new[] { "warning", "critical" });
            Assert.False(string.IsNullOrWhiteSpace((string?)annotations["summary"]), name);
            var description = (string)annotations["description"]!;
            foreach (Match label in GroupedBy().Matches((string)alert["expr"]!).SelectMany(m => LabelName().Matches(m.Groups["labels"].Value)))
            {
                Assert.True(description.Contains("$labels." + label.Value, StringComparison.Ordinal), $"{name}: the description does not name {label.Value}");
            }

            var runbookUrl = (string)annotations["runbook_url"]!;
            Assert.Equal($"docs/operations.md#{name.ToLowerInvariant()}", runbookUrl);
            Assert.True(anchors.Contains(name.ToLowerInvariant()), $"docs/operations.md has no section '{name}' for {runbookUrl}");
        }
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>The spec of the PrometheusRule as the plain rule file promtool reads (JSON is YAML).</summary>
    private string WriteRuleFile()
    {
        var path = Path.Combine(_work, RuleFileName);
        File.WriteAllText(path, PrometheusRule["spec"]!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    // GitHub's heading anchors: lower case, spaces to dashes, punctuation dropped.
    private static string Anchor(string title) =>
        new string([.. title.Trim().ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')]).Replace(' ', '-');

    [GeneratedRegex(@"^#{2,4} (?<title>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"\bby \((?<labels>[^)]*)\)")]
    private static partial Regex GroupedBy();

    [GeneratedRegex(@"[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex LabelName();
}

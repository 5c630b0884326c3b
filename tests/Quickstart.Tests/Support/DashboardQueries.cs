using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Quickstart.Tests.Support;

/// <summary>The PromQL of config/grafana/cpaas-operator.json: every panel's queries and the variables' label_values queries.</summary>
internal static partial class DashboardQueries
{
    /// <summary>Where each query is (a panel's title or a variable's name) and its PromQL, with Grafana's variables in it.</summary>
    public static IReadOnlyList<(string Source, string Expression)> Load()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(RepositoryRoot.File("config", "grafana", "cpaas-operator.json")))!;
        var panels = dashboard["panels"]!.AsArray().Select(p => p!)
            .SelectMany(p => (p["panels"]?.AsArray() ?? []).Select(c => c!).Prepend(p));
        var panelQueries = panels.SelectMany(p => (p["targets"]?.AsArray() ?? []).Select(t => ("panel " + (string)p["title"]!, (string)t!["expr"]!)));
        var variableQueries = dashboard["templating"]!["list"]!.AsArray()
            .Where(v => (string)v!["type"]! == "query")
            .Select(v => ("variable " + (string)v!["name"]!, LabelValuesSelector((string)v["query"]!["query"]!)));
        return [.. panelQueries, .. variableQueries];
    }

    // label_values(SELECTOR, LABEL): the selector is the PromQL; the label is not a metric.
    private static string LabelValuesSelector(string query) =>
        LabelValues().Match(query) is { Success: true } match ? match.Groups["selector"].Value : query;

    [GeneratedRegex(@"^label_values\((?<selector>.+),\s*[A-Za-z_][A-Za-z0-9_]*\)$")]
    private static partial Regex LabelValues();
}

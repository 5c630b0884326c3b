using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Quickstart.Tests.Support;

/// <summary>The alert expressions of config/prometheus/prometheus-rule.yaml and the metric names they select.</summary>
internal static partial class AlertRules
{
    // Recorded by Prometheus itself for every scrape target, never exported by one.
    public static readonly IReadOnlySet<string> SyntheticMetrics = new HashSet<string>(StringComparer.Ordinal) { "up" };

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "inf", "nan",
    };

    /// <summary>Alert name and PromQL expression of every alerting rule.</summary>
    public static IReadOnlyList<(string Alert, string Expression)> Load()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(RepositoryRoot.File("config", "prometheus", "prometheus-rule.yaml"))));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        var groups = (YamlSequenceNode)((YamlMappingNode)root["spec"])["groups"];
        return
        [
            .. groups.Children.Cast<YamlMappingNode>()
                .SelectMany(g => ((YamlSequenceNode)g["rules"]).Children.Cast<YamlMappingNode>())
                .Where(r => r.Children.ContainsKey("alert"))
                .Select(r => (((YamlScalarNode)r["alert"]).Value!, ((YamlScalarNode)r["expr"]).Value!)),
        ];
    }

    /// <summary>
    /// The metric names an expression selects: identifiers that are not functions, keywords, label names
    /// (inside braces or a by/without/on/ignoring list), string contents or range durations.
    /// </summary>
    public static IReadOnlySet<string> MetricNames(string expression)
    {
        var text = StringLiteral().Replace(expression, " ");
        text = LabelMatchers().Replace(text, " ");
        text = RangeOrSubquery().Replace(text, " ");
        text = LabelList().Replace(text, " ");
        return Identifier().Matches(text)
            .Where(m => !Keywords.Contains(m.Groups["name"].Value.ToLowerInvariant()))
            .Select(m => m.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex RangeOrSubquery();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex LabelList();

    // A name not followed by "(" (a function call), not part of a number.
    [GeneratedRegex(@"(?<![\w.:])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()")]
    private static partial Regex Identifier();
}

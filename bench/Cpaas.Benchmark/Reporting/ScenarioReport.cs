using System.Text.Json.Nodes;

namespace Cpaas.Benchmark.Reporting;

/// <summary>One row of the printed table: what was measured, its value, the target and whether it was met.</summary>
public sealed record TableRow(string Metric, string Value, string Target = "", bool? Met = null);

/// <summary>What a scenario reports: rows for the table and an object for the JSON line.</summary>
public sealed class ScenarioReport(string name)
{
    public string Name { get; } = name;

    public JsonObject Json { get; } = [];

    public List<TableRow> Rows { get; } = [];

    public void Row(string metric, string value, string target = "", bool? met = null) => Rows.Add(new TableRow(metric, value, target, met));
}

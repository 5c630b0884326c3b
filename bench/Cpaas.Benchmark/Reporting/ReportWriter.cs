using System.Text.Json.Nodes;

namespace Cpaas.Benchmark.Reporting;

/// <summary>Prints the table (one section per scenario) and the single JSON line.</summary>
public static class ReportWriter
{
    public static void WriteTable(TextWriter output, IReadOnlyList<ScenarioReport> reports)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(reports);
        var rows = reports.SelectMany(r => r.Rows).ToList();
        var metricWidth = Math.Max(30, rows.Select(r => r.Metric.Length).DefaultIfEmpty(0).Max());
        // Long values (lists of counts) are printed as they are, without widening every row.
        var valueWidth = Math.Max(14, rows.Select(r => r.Value.Length).Where(l => l <= 24).DefaultIfEmpty(0).Max());
        var targetWidth = Math.Max(8, rows.Select(r => r.Target.Length).DefaultIfEmpty(0).Max());
        foreach (var report in reports)
        {
            output.WriteLine();
            output.WriteLine($"== {report.Name}");
            foreach (var row in report.Rows)
            {
                var verdict = row.Met switch { true => "met", false => "NOT MET", null => "" };
                output.WriteLine($"  {row.Metric.PadRight(metricWidth)}  {row.Value.PadLeft(valueWidth)}  {row.Target.PadRight(targetWidth)}  {verdict}".TrimEnd());
            }
        }

        output.WriteLine();
    }

    public static string JsonLine(JsonObject header, IReadOnlyList<ScenarioReport> reports)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(reports);
        var line = header.DeepClone().AsObject();
        foreach (var report in reports)
        {
            line[report.Name] = report.Json.DeepClone();
        }

        return line.ToJsonString();
    }
}

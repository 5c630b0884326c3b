using System.Globalization;
using System.Text.Json.Nodes;
using Cpaas.Sandbox.Api;

namespace Cpaas.Benchmark.Reporting;

/// <summary>Formatting helpers: megabytes, seconds, rounded numbers, operation counts.</summary>
public static class Units
{
    public static double Megabytes(double bytes) => Math.Round(bytes / (1024 * 1024), 1);

    public static double Round(double value, int digits = 2) => Math.Round(value, digits);

    public static string F(double value, int digits = 2) => value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string I(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static JsonObject Counts(IReadOnlyDictionary<SandboxOperation, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var json = new JsonObject();
        foreach (var (operation, count) in counts.Where(p => p.Value > 0).OrderBy(p => p.Key))
        {
            json[operation.WireName()] = count;
        }

        return json;
    }

    public static JsonObject Counts(IReadOnlyDictionary<string, long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var json = new JsonObject();
        foreach (var (name, count) in counts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json[name] = count;
        }

        return json;
    }

    public static string Inline(IReadOnlyDictionary<SandboxOperation, int> counts) =>
        string.Join(" ", counts.Where(p => p.Value > 0).OrderBy(p => p.Key).Select(p => $"{p.Key.WireName()}={p.Value}"));

    public static string Inline(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "none" : string.Join(" ", counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key.Replace(' ', ':')}={p.Value}"));
}

using Cpaas.Benchmark.Harness.Operator;
using Xunit.Abstractions;

namespace Cpaas.Reliability.Tests.Support;

/// <summary>Puts parts of an operator's log into the test output (shown when a test fails).</summary>
public static class OperatorLogs
{
    public static void Dump(ITestOutputHelper output, OperatorProcess process, int lines = 40)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(process);
        output.WriteLine($"--- last {lines} lines of {process.LogPath} (exit {process.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "running"})");
        foreach (var line in process.Tail().TakeLast(lines))
        {
            output.WriteLine(line.Length > 400 ? line[..400] : line);
        }
    }

    /// <summary>The log lines that name <paramref name="subject"/> (a resource's namespace/name), and the line after each (an exception's first line).</summary>
    public static void DumpMentions(ITestOutputHelper output, OperatorProcess process, string subject, int lines = 30)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(process);
        using var stream = new FileStream(process.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var all = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            all.Add(line);
        }

        var picked = Enumerable.Range(0, all.Count)
            .Where(i => all[i].Contains(subject, StringComparison.Ordinal))
            .SelectMany(i => i + 1 < all.Count ? new[] { i, i + 1 } : [i])
            .Distinct()
            .ToList();
        output.WriteLine($"--- {Math.Min(lines, picked.Count)} of {picked.Count} lines of {process.LogPath} about {subject}");
        foreach (var i in picked.TakeLast(lines))
        {
            output.WriteLine(all[i].Length > 400 ? all[i][..400] : all[i]);
        }
    }
}

using Cpaas.Benchmark.Harness.Operator;
using Xunit.Abstractions;

namespace Cpaas.Reliability.Tests.Support;

/// <summary>Puts the end of an operator's log into the test output (shown when a test fails).</summary>
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
}

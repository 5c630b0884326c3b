using System.Globalization;

namespace Cpaas.Benchmark.Harness.Operator;

/// <summary>Resident memory of a process from /proc/PID/status: current (VmRSS) and peak (VmHWM), in bytes.</summary>
public readonly record struct ProcessMemory(long ResidentBytes, long PeakResidentBytes)
{
    /// <summary>Null when the process is gone or /proc is not there.</summary>
    public static ProcessMemory? Read(int pid)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{pid}/status");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        return new ProcessMemory(Kilobytes(lines, "VmRSS:") * 1024, Kilobytes(lines, "VmHWM:") * 1024);
    }

    private static long Kilobytes(string[] lines, string field)
    {
        var line = lines.FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        if (line is null)
        {
            return 0;
        }

        var number = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return long.Parse(number, CultureInfo.InvariantCulture);
    }
}

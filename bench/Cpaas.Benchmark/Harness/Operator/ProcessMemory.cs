using System.Globalization;

namespace Cpaas.Benchmark.Harness.Operator;

/// <summary>
/// Resident memory of a process from /proc/PID/status, in bytes: current (VmRSS), peak (VmHWM), and the current
/// split the kernel keeps: anonymous (RssAnon: heaps, stacks), file-backed (RssFile: mapped assemblies and native
/// libraries) and shared memory (RssShmem: memfd and tmpfs mappings, such as the runtime's W^X double mapping).
/// </summary>
public readonly record struct ProcessMemory(long ResidentBytes, long PeakResidentBytes, long AnonymousBytes = 0, long FileBytes = 0, long SharedMemoryBytes = 0)
{
    /// <summary>Null when the process is gone or /proc is not there.</summary>
    public static ProcessMemory? Read(int pid)
    {
        var lines = ProcFile.Lines(pid, "status");
        return lines is null
            ? null
            : new ProcessMemory(
                ProcFile.Kilobytes(lines, "VmRSS:") * 1024,
                ProcFile.Kilobytes(lines, "VmHWM:") * 1024,
                ProcFile.Kilobytes(lines, "RssAnon:") * 1024,
                ProcFile.Kilobytes(lines, "RssFile:") * 1024,
                ProcFile.Kilobytes(lines, "RssShmem:") * 1024);
    }
}

/// <summary>Reading /proc/PID files that are "Name:   123 kB" lines.</summary>
internal static class ProcFile
{
    public static string[]? Lines(int pid, string name)
    {
        try
        {
            return File.ReadAllLines($"/proc/{pid}/{name}");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static long Kilobytes(IEnumerable<string> lines, string field)
    {
        var line = lines.FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : KilobytesOf(line, field.Length);
    }

    public static long KilobytesOf(string line, int start)
    {
        var number = line[start..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return long.Parse(number, CultureInfo.InvariantCulture);
    }
}

using System.Text.Json.Nodes;
using static Cpaas.Benchmark.Reporting.Units;

namespace Cpaas.Benchmark.Harness.Operator;

/// <summary>
/// Where an operator's resident memory is, at one moment: the kernel's split (/proc/PID/status), the proportional
/// and private totals (/proc/PID/smaps_rollup), the resident part of the runtime's W^X double mapping of JIT-compiled
/// code (memfd:doublemapper in /proc/PID/smaps) and, when given, the managed heap from the operator's /metrics.
/// Read at quiet moments only: walking smaps of a large process costs the kernel some time.
/// </summary>
public sealed record MemoryBreakdown(
    long Rss, long Anonymous, long File, long SharedMemory, long Proportional, long PrivateDirty, long DoubleMapped, double ManagedHeap)
{
    public const string DoubleMapperName = "memfd:doublemapper";

    public static MemoryBreakdown? Read(int pid, double managedHeap)
    {
        if (ProcessMemory.Read(pid) is not { } status)
        {
            return null;
        }

        var rollup = ProcFile.Lines(pid, "smaps_rollup") ?? [];
        return new MemoryBreakdown(
            status.ResidentBytes,
            status.AnonymousBytes,
            status.FileBytes,
            status.SharedMemoryBytes,
            ProcFile.Kilobytes(rollup, "Pss:") * 1024,
            ProcFile.Kilobytes(rollup, "Private_Dirty:") * 1024,
            DoubleMappedResident(pid),
            managedHeap);
    }

    public JsonObject ToJson() => new()
    {
        ["rss_mb"] = Megabytes(Rss),
        ["anon_mb"] = Megabytes(Anonymous),
        ["file_mb"] = Megabytes(File),
        ["shmem_mb"] = Megabytes(SharedMemory),
        ["pss_mb"] = Megabytes(Proportional),
        ["private_dirty_mb"] = Megabytes(PrivateDirty),
        ["doublemapper_rss_mb"] = Megabytes(DoubleMapped),
        ["managed_heap_mb"] = double.IsNaN(ManagedHeap) ? null : Megabytes(ManagedHeap),
    };

    /// <summary>"rss 134.0 = anon 40.1 + file 68.0 + shmem 25.9 (heap 12.3)".</summary>
    public string Inline() =>
        $"rss {F(Megabytes(Rss), 1)} = anon {F(Megabytes(Anonymous), 1)} + file {F(Megabytes(File), 1)} + shmem {F(Megabytes(SharedMemory), 1)}"
        + (double.IsNaN(ManagedHeap) ? "" : $" (heap {F(Megabytes(ManagedHeap), 1)})");

    private static long DoubleMappedResident(int pid)
    {
        var lines = ProcFile.Lines(pid, "smaps");
        if (lines is null)
        {
            return 0;
        }

        // A mapping's header line names it; its "Rss:" line follows.
        long total = 0;
        var inDoubleMapping = false;
        foreach (var line in lines)
        {
            if (IsHeader(line))
            {
                inDoubleMapping = line.Contains(DoubleMapperName, StringComparison.Ordinal);
            }
            else if (inDoubleMapping && line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                total += ProcFile.KilobytesOf(line, 4) * 1024;
            }
        }

        return total;
    }

    /// <summary>"7f..-7f.. r-xs 00000000 00:01 1234   /memfd:doublemapper (deleted)": an address range first.</summary>
    private static bool IsHeader(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var dash = line.IndexOf('-', StringComparison.Ordinal);
        return space > 0 && dash > 0 && dash < space && line[..dash].All(char.IsAsciiHexDigit);
    }
}

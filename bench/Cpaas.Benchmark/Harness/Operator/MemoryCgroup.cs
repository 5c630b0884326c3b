using System.Globalization;

namespace Cpaas.Benchmark.Harness.Operator;

/// <summary>
/// A child memory cgroup of this process's own, with a hard limit: the operator runs in it as in a container with
/// that memory limit (the kernel's OOM killer acts at the limit, and the .NET runtime reads the limit and sizes its
/// heap from it, as in a pod). cgroup v2 (memory.max) or v1 (memory.limit_in_bytes); needs root or a delegated
/// hierarchy. <see cref="TryCreate"/> answers null where neither can be created.
/// </summary>
public sealed class MemoryCgroup : IDisposable
{
    private readonly bool _v2;

    private MemoryCgroup(string path, bool v2, long limitBytes)
    {
        Path = path;
        _v2 = v2;
        LimitBytes = limitBytes;
    }

    public string Path { get; }

    public long LimitBytes { get; }

    /// <summary>"cgroup v2" or "cgroup v1".</summary>
    public string Mechanism => _v2 ? "cgroup v2" : "cgroup v1";

    /// <summary>The kernel's count of OOM kills in this cgroup (0 where the kernel does not report it).</summary>
    public long OomKills()
    {
        var file = System.IO.Path.Combine(Path, _v2 ? "memory.events" : "memory.oom_control");
        try
        {
            var line = File.ReadAllLines(file).FirstOrDefault(l => l.StartsWith("oom_kill ", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["oom_kill ".Length..].Trim(), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>The cgroup's own peak usage (v1 memory.max_usage_in_bytes, v2 memory.peak where the kernel has it), or null.</summary>
    public long? PeakUsageBytes()
    {
        var file = System.IO.Path.Combine(Path, _v2 ? "memory.peak" : "memory.max_usage_in_bytes");
        try
        {
            return long.Parse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return null;
        }
    }

    public static MemoryCgroup? TryCreate(string name, long limitBytes)
    {
        try
        {
            var own = File.ReadAllLines("/proc/self/cgroup");
            // v1: "4:memory:/a/b"; v2 only: "0::/a/b".
            var v1 = own.Select(l => l.Split(':', 3)).FirstOrDefault(p => p.Length == 3 && p[1].Split(',').Contains("memory"));
            if (v1 is not null && Directory.Exists("/sys/fs/cgroup/memory"))
            {
                var path = System.IO.Path.Combine("/sys/fs/cgroup/memory" + v1[2].TrimEnd('/'), name);
                Directory.CreateDirectory(path);
                File.WriteAllText(System.IO.Path.Combine(path, "memory.limit_in_bytes"), limitBytes.ToString(CultureInfo.InvariantCulture));
                TryWrite(System.IO.Path.Combine(path, "memory.memsw.limit_in_bytes"), limitBytes); // no swap beyond the limit, where accounted
                return new MemoryCgroup(path, v2: false, limitBytes);
            }

            var unified = own.Select(l => l.Split(':', 3)).FirstOrDefault(p => p.Length == 3 && p[0] == "0" && p[1].Length == 0);
            if (unified is not null && File.Exists("/sys/fs/cgroup/cgroup.controllers"))
            {
                var path = System.IO.Path.Combine("/sys/fs/cgroup" + unified[2].TrimEnd('/'), name);
                Directory.CreateDirectory(path);
                File.WriteAllText(System.IO.Path.Combine(path, "memory.max"), limitBytes.ToString(CultureInfo.InvariantCulture));
                TryWrite(System.IO.Path.Combine(path, "memory.swap.max"), 0);
                return new MemoryCgroup(path, v2: true, limitBytes);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not root, or no writable hierarchy: the caller falls back to DOTNET_GCHeapHardLimit.
        }

        return null;
    }

    /// <summary>The file a process writes its pid into to join this cgroup.</summary>
    public string ProcsFile => System.IO.Path.Combine(Path, "cgroup.procs");

    public void Dispose()
    {
        // The operator has exited: the empty cgroup can go.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            try
            {
                Directory.Delete(Path);
                return;
            }
            catch (IOException)
            {
                Thread.Sleep(100); // The kernel frees an exited process's charge asynchronously; a cleanup retry, not a wait on a condition.
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
        }
    }

    private static void TryWrite(string file, long value)
    {
        try
        {
            File.WriteAllText(file, value.ToString(CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            // Swap accounting is off: nothing to limit.
        }
    }
}

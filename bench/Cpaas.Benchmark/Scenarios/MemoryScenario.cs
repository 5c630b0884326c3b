using System.Diagnostics;
using System.Text.Json.Nodes;
using Cpaas.Benchmark.Harness;
using Cpaas.Benchmark.Harness.Operator;
using Cpaas.Benchmark.Reporting;
using static Cpaas.Benchmark.Reporting.Units;

namespace Cpaas.Benchmark.Scenarios;

/// <summary>
/// Memory and start-up at a fleet size, on a bed of its own: S resources (all four sections) exist before the
/// operator starts, and optionally the cluster's other Secrets (--unrelated-secrets); the CPaaS sandbox has no latency
/// and no rate limit, so the fleet converges as fast as the two cores allow. Measured: time from process start to
/// /readyz and to the first completed reconcile (new fleet); peak RSS (VmHWM) and peak managed heap while converging;
/// RSS (split anonymous / file / shared) and heap once idle; then a restart with the converged fleet (fresh ledger):
/// start-up times and memory again. Under --memory-limit the operator runs in a cgroup with that limit, and an
/// out-of-memory kill is reported instead of the numbers it prevented.
/// </summary>
public static class MemoryScenario
{
    public const double TargetPeakRssMegabytes = 150;
    public const double TargetStartToReadySeconds = 5;
    public const int TargetSize = 10_000;

    /// <summary>
    /// How long after converging the idle RSS is sampled again: the operator gives memory back once it has been quiet
    /// for a whole check interval of 30 s after its memory grew (docs/decisions/0065), so two intervals and a margin.
    /// </summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(65);

    public static async Task<JsonObject> RunAsync(int size, BenchmarkOptions options, OperatorRuntime runtime, ScenarioReport report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        await using var bed = await TestBed.StartAsync(new TestBedOptions
        {
            Runtime = runtime,
            WorkDirectory = options.WorkDirectory is null ? null : Path.Combine(options.WorkDirectory, $"memory-{size}"),
            CompactionWindow = Math.Max(20_000, (size + options.UnrelatedSecrets) * 12),
            KeepWorkDirectory = options.KeepLogs,
        }, ct);
        var json = new JsonObject { ["n"] = size };
        if (options.UnrelatedSecrets > 0)
        {
            var secretsCreated = Stopwatch.GetTimestamp();
            await bed.CreateUnrelatedSecretsAsync(options.UnrelatedSecrets, options.UnrelatedSecretKilobytes, ct);
            json["unrelated_secrets"] = options.UnrelatedSecrets;
            json["unrelated_secret_kb"] = options.UnrelatedSecretKilobytes;
            json["unrelated_secrets_create_seconds"] = Round(Stopwatch.GetElapsedTime(secretsCreated).TotalSeconds);
        }

        var layout = new FleetLayout(size, Math.Clamp(size / 100, 1, 100), "mem");
        await bed.PrepareNamespacesAsync(layout.Namespaces, ct);
        var created = Stopwatch.GetTimestamp();
        await bed.CreateProjectsAsync(layout.Members, 16, ct);
        json["create_seconds"] = Round(Stopwatch.GetElapsedTime(created).TotalSeconds);

        var limit = MemoryLimits.Resolve(options.MemoryLimit, runtime);
        if (limit is { } l)
        {
            json["memory_limit_mb"] = l / (1024 * 1024);
        }

        var launch = bed.Launch($"mem-{size}-1") with
        {
            CpaasRateLimit = 5000,
            CpaasBurst = 500,
            Workers = options.Workers ?? 8,
            GarbageCollector = options.OperatorGc,
            MemoryLimitBytes = limit,
        };
        var label = options.UnrelatedSecrets > 0 ? $"N={size} +{options.UnrelatedSecrets} Secrets" : $"N={size}";

        // New fleet: start-up, then convergence as fast as the machine allows.
        var first = bed.StartOperator(launch);
        json["memory_limit_mechanism"] = first.LimitMechanism;
        long peakRss;
        await using (var sampler = new MemorySampler(first, TimeSpan.FromMilliseconds(250)))
        {
            try
            {
                var ready = await Waits.UntilReadyAsync(first, TimeSpan.FromMinutes(5), ct);
                var firstReconcile = await Waits.UntilReconciledAsync(first, 1, TimeSpan.FromMinutes(5), ct);
                var converged = await ConvergeScenario.WaitAllReadyAsync(bed, size, TimeSpan.FromMinutes(30), ct);
                var convergeSeconds = Stopwatch.GetElapsedTime(first.StartTimestamp).TotalSeconds;
                await Waits.UntilIdleAsync(first, size, TimeSpan.FromMinutes(5), ct);
                var idle = await sampler.SampleAsync(ct);
                var split = MemoryBreakdown.Read(first.Pid, idle.ManagedHeap);
                await Task.Delay(SettleTime, ct);
                var settled = await sampler.SampleAsync(ct);
                var settledSplit = MemoryBreakdown.Read(first.Pid, settled.ManagedHeap);

                // The peak includes the settling minute: giving memory back is a collection, which has its own cost.
                peakRss = sampler.PeakResidentBytes;
                json["new_fleet"] = new JsonObject
                {
                    ["start_to_ready_seconds"] = Round(ready.TotalSeconds, 3),
                    ["start_to_first_reconcile_seconds"] = Round(firstReconcile.TotalSeconds, 3),
                    ["converged"] = converged,
                    ["start_to_all_ready_seconds"] = Round(convergeSeconds),
                    ["peak_rss_mb"] = Megabytes(peakRss),
                    ["peak_managed_heap_mb"] = Megabytes(sampler.PeakManagedHeapBytes),
                    ["idle_rss_mb"] = Megabytes(idle.Rss),
                    ["idle_managed_heap_mb"] = Megabytes(idle.ManagedHeap),
                    ["idle_split"] = split?.ToJson(),
                    ["settled_idle_rss_mb"] = Megabytes(settled.Rss),
                    ["settled_idle_managed_heap_mb"] = Megabytes(settled.ManagedHeap),
                    ["settled_idle_split"] = settledSplit?.ToJson(),
                    ["cgroup_peak_mb"] = first.Cgroup?.PeakUsageBytes() is { } p ? Megabytes(p) : null,
                };
                report.Row($"{label} new fleet: start -> /readyz (s)", F(ready.TotalSeconds, 3));
                report.Row($"{label} new fleet: start -> first reconcile (s)", F(firstReconcile.TotalSeconds, 3));
                report.Row($"{label} new fleet: start -> all Ready (s)", converged ? F(convergeSeconds, 1) : "timeout");
                report.Row($"{label} converging: peak RSS (MB)", F(Megabytes(peakRss), 1), size >= TargetSize ? $"< {TargetPeakRssMegabytes}" : "", size >= TargetSize ? Megabytes(peakRss) < TargetPeakRssMegabytes : null);
                report.Row($"{label} converging: peak managed heap (MB)", F(Megabytes(sampler.PeakManagedHeapBytes), 1));
                report.Row($"{label} idle (MB)", split?.Inline() ?? F(Megabytes(idle.Rss), 1));
                report.Row($"{label} idle {SettleTime.TotalSeconds:F0} s later (MB)", settledSplit?.Inline() ?? F(Megabytes(settled.Rss), 1));
            }
            catch (InvalidOperationException) when (first.HasExited)
            {
                return Killed(json, first, sampler, label, report);
            }
        }

        // Converged fleet: a restart (an upgrade, a rescheduled pod) with a fresh ledger.
        await first.StopAsync(TimeSpan.FromSeconds(30));
        var second = bed.StartOperator(launch with { Identity = $"mem-{size}-2" });
        await using (var sampler = new MemorySampler(second, TimeSpan.FromMilliseconds(250)))
        {
            try
            {
                var ready = await Waits.UntilReadyAsync(second, TimeSpan.FromMinutes(5), ct);
                var firstReconcile = await Waits.UntilReconciledAsync(second, 1, TimeSpan.FromMinutes(5), ct);
                var idleAt = await Waits.UntilIdleAsync(second, size, TimeSpan.FromMinutes(10), ct);
                var idle = await sampler.SampleAsync(ct);
                var split = MemoryBreakdown.Read(second.Pid, idle.ManagedHeap);
                json["restart_converged_fleet"] = new JsonObject
                {
                    ["start_to_ready_seconds"] = Round(ready.TotalSeconds, 3),
                    ["start_to_first_reconcile_seconds"] = Round(firstReconcile.TotalSeconds, 3),
                    ["start_to_all_reconciled_seconds"] = Round(idleAt.TotalSeconds, 2),
                    ["peak_rss_mb"] = Megabytes(sampler.PeakResidentBytes),
                    ["peak_managed_heap_mb"] = Megabytes(sampler.PeakManagedHeapBytes),
                    ["idle_rss_mb"] = Megabytes(idle.Rss),
                    ["idle_managed_heap_mb"] = Megabytes(idle.ManagedHeap),
                    ["idle_split"] = split?.ToJson(),
                    ["cgroup_peak_mb"] = second.Cgroup?.PeakUsageBytes() is { } p ? Megabytes(p) : null,
                };
                report.Row($"{label} restart: start -> /readyz (s)", F(ready.TotalSeconds, 3), size >= TargetSize ? $"< {TargetStartToReadySeconds}" : "", size >= TargetSize ? ready.TotalSeconds < TargetStartToReadySeconds : null);
                report.Row($"{label} restart: start -> first reconcile (s)", F(firstReconcile.TotalSeconds, 3));
                report.Row($"{label} restart: start -> all reconciled (s)", F(idleAt.TotalSeconds, 2));
                report.Row($"{label} restart: peak RSS (MB)", F(Megabytes(sampler.PeakResidentBytes), 1));
                report.Row($"{label} restart idle (MB)", split?.Inline() ?? F(Megabytes(idle.Rss), 1));
                peakRss = Math.Max(peakRss, sampler.PeakResidentBytes);
            }
            catch (InvalidOperationException) when (second.HasExited)
            {
                return Killed(json, second, sampler, label, report);
            }
        }

        json["peak_rss_mb"] = Megabytes(peakRss);
        json["oom_killed"] = limit is null ? null : false;
        if (size >= TargetSize)
        {
            json["target_peak_rss_mb"] = TargetPeakRssMegabytes;
            json["met"] = Megabytes(peakRss) < TargetPeakRssMegabytes;
        }

        return json;
    }

    /// <summary>The operator died while the scenario waited on it: under a memory limit, most likely the OOM killer.</summary>
    private static JsonObject Killed(JsonObject json, OperatorProcess process, MemorySampler sampler, string label, ScenarioReport report)
    {
        json["oom_killed"] = process.OomKilled;
        json["exit_code"] = process.ExitCode;
        json["peak_rss_mb"] = Megabytes(sampler.PeakResidentBytes);
        json["cgroup_peak_mb"] = process.Cgroup?.PeakUsageBytes() is { } p ? Megabytes(p) : null;
        json["converged"] = false;
        report.Row($"{label}: operator exited", process.OomKilled ? "OOM-killed" : $"exit {process.ExitCode}", "no kill", false);
        report.Row($"{label}: peak RSS before it exited (MB)", F(Megabytes(sampler.PeakResidentBytes), 1));
        return json;
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using Cpaas.Benchmark.Harness;
using Cpaas.Benchmark.Harness.Operator;
using Cpaas.Benchmark.Reporting;
using static Cpaas.Benchmark.Reporting.Units;

namespace Cpaas.Benchmark.Scenarios;

/// <summary>
/// Memory and start-up at a fleet size, on a bed of its own: S resources (all four sections) exist before the
/// operator starts; the CPaaS sandbox has no latency and no rate limit, so the fleet converges as fast as the two
/// cores allow. Measured: time from process start to /readyz and to the first completed reconcile (new fleet);
/// peak RSS (VmHWM) and peak managed heap while converging; RSS and heap once idle; then a restart with the
/// converged fleet (fresh ledger): start-up times and memory again.
/// </summary>
public static class MemoryScenario
{
    public const double TargetPeakRssMegabytes = 150;
    public const int TargetSize = 10_000;

    public static async Task<JsonObject> RunAsync(int size, BenchmarkOptions options, ScenarioReport report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        await using var bed = await TestBed.StartAsync(new TestBedOptions
        {
            WorkDirectory = options.WorkDirectory is null ? null : Path.Combine(options.WorkDirectory, $"memory-{size}"),
            CompactionWindow = Math.Max(20_000, size * 12),
            KeepWorkDirectory = options.KeepLogs,
        }, ct);
        var layout = new FleetLayout(size, Math.Clamp(size / 100, 1, 100), "mem");
        await bed.PrepareNamespacesAsync(layout.Namespaces, ct);
        var created = Stopwatch.GetTimestamp();
        await bed.CreateProjectsAsync(layout.Members, 16, ct);
        var createSeconds = Stopwatch.GetElapsedTime(created).TotalSeconds;

        var launch = bed.Launch($"mem-{size}-1") with { CpaasRateLimit = 5000, CpaasBurst = 500, Workers = options.Workers ?? 8, GarbageCollector = options.OperatorGc };
        var json = new JsonObject { ["n"] = size, ["create_seconds"] = Round(createSeconds) };

        // New fleet: start-up, then convergence as fast as the machine allows.
        var first = bed.StartOperator(launch);
        double peakHeap;
        long peakRss;
        {
            await using var sampler = new MemorySampler(first, TimeSpan.FromMilliseconds(250));
            var ready = await Waits.UntilReadyAsync(first, TimeSpan.FromMinutes(5), ct);
            var firstReconcile = await Waits.UntilReconciledAsync(first, 1, TimeSpan.FromMinutes(5), ct);
            var converged = await ConvergeScenario.WaitAllReadyAsync(bed, size, TimeSpan.FromMinutes(30), ct);
            var convergeSeconds = Stopwatch.GetElapsedTime(first.StartTimestamp).TotalSeconds;
            await Waits.UntilIdleAsync(first, size, TimeSpan.FromMinutes(5), ct);
            var idle = await sampler.SampleAsync(ct);
            peakHeap = sampler.PeakManagedHeapBytes;
            peakRss = sampler.PeakResidentBytes;
            json["new_fleet"] = new JsonObject
            {
                ["start_to_ready_seconds"] = Round(ready.TotalSeconds, 3),
                ["start_to_first_reconcile_seconds"] = Round(firstReconcile.TotalSeconds, 3),
                ["converged"] = converged,
                ["start_to_all_ready_seconds"] = Round(convergeSeconds),
                ["peak_rss_mb"] = Megabytes(peakRss),
                ["peak_managed_heap_mb"] = Megabytes(peakHeap),
                ["idle_rss_mb"] = Megabytes(idle.Rss),
                ["idle_managed_heap_mb"] = Megabytes(idle.ManagedHeap),
            };
            report.Row($"N={size} new fleet: start -> /readyz (s)", F(ready.TotalSeconds, 3));
            report.Row($"N={size} new fleet: start -> first reconcile (s)", F(firstReconcile.TotalSeconds, 3));
            report.Row($"N={size} new fleet: start -> all Ready (s)", converged ? F(convergeSeconds, 1) : "timeout");
            report.Row($"N={size} converging: peak RSS (MB)", F(Megabytes(peakRss), 1), size >= TargetSize ? $"< {TargetPeakRssMegabytes}" : "", size >= TargetSize ? Megabytes(peakRss) < TargetPeakRssMegabytes : null);
            report.Row($"N={size} converging: peak managed heap (MB)", F(Megabytes(peakHeap), 1));
            report.Row($"N={size} idle: RSS / managed heap (MB)", $"{F(Megabytes(idle.Rss), 1)} / {F(Megabytes(idle.ManagedHeap), 1)}");
        }

        // Converged fleet: a restart (an upgrade, a rescheduled pod) with a fresh ledger.
        await first.StopAsync(TimeSpan.FromSeconds(30));
        var second = bed.StartOperator(launch with { Identity = $"mem-{size}-2" });
        await using (var sampler = new MemorySampler(second, TimeSpan.FromMilliseconds(250)))
        {
            var ready = await Waits.UntilReadyAsync(second, TimeSpan.FromMinutes(5), ct);
            var firstReconcile = await Waits.UntilReconciledAsync(second, 1, TimeSpan.FromMinutes(5), ct);
            var idleAt = await Waits.UntilIdleAsync(second, size, TimeSpan.FromMinutes(10), ct);
            var idle = await sampler.SampleAsync(ct);
            json["restart_converged_fleet"] = new JsonObject
            {
                ["start_to_ready_seconds"] = Round(ready.TotalSeconds, 3),
                ["start_to_first_reconcile_seconds"] = Round(firstReconcile.TotalSeconds, 3),
                ["start_to_all_reconciled_seconds"] = Round(idleAt.TotalSeconds, 2),
                ["peak_rss_mb"] = Megabytes(sampler.PeakResidentBytes),
                ["peak_managed_heap_mb"] = Megabytes(sampler.PeakManagedHeapBytes),
                ["idle_rss_mb"] = Megabytes(idle.Rss),
                ["idle_managed_heap_mb"] = Megabytes(idle.ManagedHeap),
            };
            report.Row($"N={size} restart: start -> first reconcile (s)", F(firstReconcile.TotalSeconds, 3));
            report.Row($"N={size} restart: start -> all reconciled (s)", F(idleAt.TotalSeconds, 2));
            report.Row($"N={size} restart: peak RSS (MB)", F(Megabytes(sampler.PeakResidentBytes), 1));
            peakRss = Math.Max(peakRss, sampler.PeakResidentBytes);
        }

        json["peak_rss_mb"] = Megabytes(peakRss);
        if (size >= TargetSize)
        {
            json["target_peak_rss_mb"] = TargetPeakRssMegabytes;
            json["met"] = Megabytes(peakRss) < TargetPeakRssMegabytes;
        }

        return json;
    }
}

using System.Text.Json.Nodes;
using Cpaas.Benchmark.Harness;
using Cpaas.Benchmark.Harness.Operator;
using Cpaas.Benchmark.Reporting;
using static Cpaas.Benchmark.Reporting.Units;

namespace Cpaas.Benchmark.Scenarios;

/// <summary>
/// The operator with nothing to do: no CpaasProject, only the cluster's other Secrets when asked. Started several
/// times: start -> /readyz (median), then, once settled, its resident memory split into anonymous / file-backed /
/// shared (the W^X double mapping of JIT-compiled code is shared memory) and its managed heap.
/// </summary>
public static class IdleScenario
{
    public const double TargetIdleRssMegabytes = 60;

    /// <summary>After /readyz the informers have listed and the first GCs ran; memory is steady by then.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public static async Task<JsonObject> RunAsync(BenchmarkOptions options, OperatorRuntime runtime, ScenarioReport report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        await using var bed = await TestBed.StartAsync(new TestBedOptions
        {
            Runtime = runtime,
            WorkDirectory = options.WorkDirectory is null ? null : Path.Combine(options.WorkDirectory, "idle"),
            KeepWorkDirectory = options.KeepLogs,
        }, ct);
        if (options.UnrelatedSecrets > 0)
        {
            await bed.CreateUnrelatedSecretsAsync(options.UnrelatedSecrets, options.UnrelatedSecretKilobytes, ct);
        }

        var limit = MemoryLimits.Resolve(options.MemoryLimit, runtime);
        var starts = new List<double>();
        var runs = new JsonArray();
        MemoryBreakdown? last = null;
        for (var run = 1; run <= options.IdleRuns; run++)
        {
            // The bed stops and disposes every operator it started.
            var process = bed.StartOperator(bed.Launch($"idle-{run}") with { MemoryLimitBytes = limit, GarbageCollector = options.OperatorGc });
            var ready = await Waits.UntilReadyAsync(process, TimeSpan.FromMinutes(2), ct);
            await Task.Delay(Settle, ct); // A settle time for a measurement, not a wait on a condition.
            await using var sampler = new MemorySampler(process, TimeSpan.FromSeconds(10));
            await sampler.SampleAsync(ct);
            last = MemoryBreakdown.Read(process.Pid, sampler.LastManagedHeapBytes)
                ?? throw new InvalidOperationException($"The operator exited while idle; log: {process.LogPath}");
            starts.Add(ready.TotalSeconds);
            var json = last.ToJson();
            json["start_to_ready_seconds"] = Round(ready.TotalSeconds, 3);
            json["limit"] = process.LimitMechanism;
            runs.Add(json);
            await process.StopAsync(TimeSpan.FromSeconds(30));
        }

        var median = Percentiles.Of(starts, 50);
        var rss = runs.Select(r => r!["rss_mb"]!.GetValue<double>()).Order().ToList();
        var medianRss = rss[rss.Count / 2];
        report.Row("idle: start -> /readyz, median (s)", F(median, 3));
        report.Row("idle: RSS, median of runs (MB)", F(medianRss, 1), $"< {TargetIdleRssMegabytes}", medianRss < TargetIdleRssMegabytes);
        report.Row("idle: last run (MB)", last!.Inline());
        report.Row("idle: W^X double mapping resident (MB)", F(Megabytes(last.DoubleMapped), 1));
        return new JsonObject
        {
            ["unrelated_secrets"] = options.UnrelatedSecrets,
            ["unrelated_secret_kb"] = options.UnrelatedSecrets > 0 ? options.UnrelatedSecretKilobytes : null,
            ["memory_limit_mb"] = limit is { } l ? l / (1024 * 1024) : null,
            ["start_to_ready_seconds_median"] = Round(median, 3),
            ["rss_mb_median"] = medianRss,
            ["target_rss_mb"] = TargetIdleRssMegabytes,
            ["met"] = medianRss < TargetIdleRssMegabytes,
            ["runs"] = runs,
        };
    }
}

using System.Text.Json.Nodes;
using Cpaas.Benchmark.Reporting;
using Cpaas.Sandbox.Api;
using static Cpaas.Benchmark.Reporting.Units;

namespace Cpaas.Benchmark.Scenarios;

/// <summary>
/// What drift detection costs an idle converged fleet of N (default 1,000) per 10 minutes, before the drift sweep
/// (one GET per project every --resync-interval 10m) and after (sweep every 1m + full observes every 1h).
/// Every interval is scaled down by <see cref="Scale"/> and measured over 10 min / <see cref="Scale"/>, so the count
/// in the window is the count per 10 real minutes (rates scale with 1 / interval):
/// <list type="bullet">
/// <item>before: resync 2 min, sweep every 24 h (it cannot be turned off; the lists of its one sweep at start are not
/// counted); window = the first 2 minutes of a restarted operator, which spreads the
/// first check of each converged resource uniformly over one interval (the no-op resync's method);</item>
/// <item>after: sweep 12 s, margin 24 s, full observe 12 min; window = 2 minutes from the end of the first sweep
/// (which reads every page once per start, reported apart); the restarted operator's first full observes are spread
/// uniformly over 12 minutes, so 2/12 of them fall into the window: the hourly safety net amortized.</item>
/// </list>
/// </summary>
public static class DriftCostScenario
{
    public const int Scale = 5;
    public static readonly TimeSpan RealPeriod = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan OldResync = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan NewSweep = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan NewMargin = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan NewFullObserve = TimeSpan.FromHours(1);
    public const double TargetRatio = 10;

    /// <summary>
    /// The operator cannot turn the sweep off (--drift-sweep-interval is at least 1 s): "before" runs with a sweep
    /// every 24 h, whose one sweep at start (every page) is not counted; only GETs are.
    /// </summary>
    public static readonly TimeSpan SweepOff = TimeSpan.FromHours(24);

    public static async Task<ScenarioReport> RunAsync(BenchmarkOptions options, Harness.Operator.OperatorRuntime runtime, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var n = options.Count;
        var window = RealPeriod / Scale;
        await using var fleet = await ConvergedFleetBed.StartAsync(options, runtime, n, "noop_resync_cost", options.RateLimit, options.Burst, ct);

        // Before: one GET per project per (scaled) 10 minutes, no sweep.
        var oldStart = await fleet.StartOperatorAsync(OldResync / Scale, SweepOff, null, waitForFirstSweep: false, ct);
        var oldWindowStart = fleet.Operator!.StartedAt;
        await DelayUntilAsync(oldWindowStart + window, ct);
        var old = Count(fleet, oldWindowStart, oldWindowStart + window);
        var oldStartUpSweepLists = old.GetValueOrDefault(SandboxOperation.ListProjects);
        old.Remove(SandboxOperation.ListProjects);

        // After: sweep 1m, full observes 1h (scaled).
        var newStart = await fleet.StartOperatorAsync(NewFullObserve / Scale, NewSweep / Scale, NewMargin / Scale, waitForFirstSweep: true, ct);
        var newWindowStart = DateTimeOffset.UtcNow;
        await DelayUntilAsync(newWindowStart + window, ct);
        var after = Count(fleet, newWindowStart, newWindowStart + window);
        var sweepOnly = after.GetValueOrDefault(SandboxOperation.ListProjects);
        var sweepFindingsGets = 0; // Idle fleet: the sweep asks for no GET; any GET in the window is a full observe.
        var oldTotal = old.Values.Sum();
        var newTotal = after.Values.Sum();

        var report = new ScenarioReport("noop_resync_cost");
        report.Json["n"] = n;
        report.Json["method"] = $"intervals scaled by 1/{Scale}, window {window.TotalSeconds:F0} s = 10 real minutes / {Scale}: the counts are per 10 real minutes";
        report.Json["before"] = new JsonObject
        {
            ["settings"] = $"--resync-interval {ConvergedFleetBed.Duration(OldResync / Scale)} (10m / {Scale}), --drift-sweep-interval 24h (the sweep cannot be turned off; its one start-up sweep is not counted)",
            ["start_up_sweep_lists_not_counted"] = oldStartUpSweepLists,
            ["cpaas_calls_per_10_min"] = Counts(old),
            ["total"] = oldTotal,
            ["start_up"] = oldStart.ToJson(),
        };
        report.Json["after"] = new JsonObject
        {
            ["settings"] = $"--drift-sweep-interval {ConvergedFleetBed.Duration(NewSweep / Scale)} --drift-sweep-margin {ConvergedFleetBed.Duration(NewMargin / Scale)} --resync-interval {ConvergedFleetBed.Duration(NewFullObserve / Scale)} (1m, 2m, 1h / {Scale})",
            ["cpaas_calls_per_10_min"] = Counts(after),
            ["sweep_only"] = sweepOnly + sweepFindingsGets,
            ["including_hourly_full_observes"] = newTotal,
            ["expected_full_observes"] = Round(n * RealPeriod / NewFullObserve, 1),
            ["start_up"] = newStart.ToJson(),
        };
        var ratioSweep = oldTotal / (double)Math.Max(1, sweepOnly);
        var ratioTotal = oldTotal / (double)Math.Max(1, newTotal);
        report.Json["ratio_sweep_only"] = Round(ratioSweep, 1);
        report.Json["ratio_including_full_observes"] = Round(ratioTotal, 1);
        report.Json["target_ratio"] = TargetRatio;
        report.Json["met_sweep_only"] = ratioSweep >= TargetRatio;
        report.Json["met_including_full_observes"] = ratioTotal >= TargetRatio;

        report.Row("CPaaS calls per 10 min, before (resync 10m)", $"{I(oldTotal)} ({Inline(old)})");
        report.Row("after: sweep only (1m)", I(sweepOnly));
        report.Row("after: including full observes (1h)", $"{I(newTotal)} ({Inline(after)})");
        report.Row("ratio, sweep only", F(ratioSweep, 1), $">= {TargetRatio:F0}", ratioSweep >= TargetRatio);
        report.Row("ratio, including full observes", F(ratioTotal, 1), $">= {TargetRatio:F0}", ratioTotal >= TargetRatio);
        report.Row("after: first sweep at start (lists, once per start)", I(newStart.Calls.GetValueOrDefault(SandboxOperation.ListProjects)));
        return report;
    }

    /// <summary>CPaaS requests that arrived between the two times (only one operator runs at a time).</summary>
    private static Dictionary<SandboxOperation, int> Count(ConvergedFleetBed fleet, DateTimeOffset from, DateTimeOffset to) =>
        fleet.Bed.Cpaas.Journal.Entries()
            .Where(e => e.Time >= from && e.Time <= to)
            .GroupBy(e => e.Operation)
            .ToDictionary(g => g.Key, g => g.Count());

    private static async Task DelayUntilAsync(DateTimeOffset at, CancellationToken ct)
    {
        var wait = at - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, ct); // The window is wall-clock time by definition.
        }
    }
}

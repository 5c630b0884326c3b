using System.Text.Json.Nodes;
using Cpaas.Benchmark.Harness;
using Cpaas.Benchmark.Reporting;
using Cpaas.Sandbox.Api;
using Cpaas.Sandbox.Journal;
using static Cpaas.Benchmark.Reporting.Units;

namespace Cpaas.Benchmark.Scenarios;

/// <summary>
/// What the drift sweep costs an idle fleet right after a burst (issue 18): N (default 1,000) resources created at
/// once, at the account's limit, with the sweep every 12 s and a margin of 24 s (the defaults 1m / 2m scaled by 1/5,
/// as <c>noop_resync_cost</c>) and full observes an hour away. From the moment every resource is Ready, nothing
/// changes; each of the next <see cref="Sweeps"/> sweeps is read from the CPaaS journal (a sweep starts at a
/// <c>page=1</c> list request): list pages per sweep, and the GETs in that time (one check per write is expected
/// after the change, docs/decisions/0042). Target: once the margin has passed since the last write, 1 page per sweep.
/// </summary>
public static class IdleSweepAfterBurstScenario
{
    public const int Sweeps = 12;
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(12);
    public static readonly TimeSpan SweepMargin = TimeSpan.FromSeconds(24);

    public static async Task<ScenarioReport> RunAsync(BenchmarkOptions options, Harness.Operator.OperatorRuntime runtime, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var bed = await TestBed.StartAsync(new TestBedOptions
        {
            Runtime = runtime,
            WorkDirectory = options.WorkDirectory is null ? null : Path.Combine(options.WorkDirectory, "idle-sweep"),
            KeepWorkDirectory = options.KeepLogs,
            CompactionWindow = Math.Max(20_000, options.Count * 12),
        }, ct);
        var session = new FleetSession(bed, options);
        var n = session.Layout.Count;
        await bed.PrepareNamespacesAsync(session.Layout.Namespaces, ct);
        session.ApplyApiLimits();
        var launch = session.Launch(TimeSpan.FromHours(1)) with
        {
            ExtraArguments = ["--drift-sweep-interval", ConvergedFleetBed.Duration(SweepInterval), "--drift-sweep-margin", ConvergedFleetBed.Duration(SweepMargin)],
        };
        await session.RestartAsync(launch, ct);

        var burstStarted = DateTimeOffset.UtcNow;
        await bed.CreateProjectsAsync(session.Layout.Members, 16, ct);
        var completed = await ConvergeScenario.WaitAllReadyAsync(bed, n, TimeSpan.FromSeconds(Math.Max(300, n * 5.0 / options.RateLimit * 5)), ct);
        var readyAt = DateTimeOffset.UtcNow;
        var lastWrite = bed.Cpaas.Journal.Entries().Where(IsWrite).Select(e => e.Time).DefaultIfEmpty(readyAt).Max();

        // The sweeps after the burst: wait for Sweeps + 1 sweep starts after Ready (the last one closes the previous).
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            deadline.CancelAfter(SweepInterval * (Sweeps + 2) + TimeSpan.FromMinutes(5));
            while (SweepsAfter(bed, readyAt).Count <= Sweeps)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), deadline.Token); // Polling the in-process journal.
            }
        }

        var sweeps = SweepsAfter(bed, readyAt).Take(Sweeps).ToList();
        var pages = sweeps.Select(s => s.Pages).ToList();
        var end = SweepsAfter(bed, readyAt)[Sweeps].Start;
        var window = bed.Cpaas.Journal.Entries().Where(e => e.Time >= sweeps[0].Start && e.Time < end).ToList();
        var pastMargin = sweeps.Where(s => s.Start > lastWrite + SweepMargin + SweepInterval).Select(s => s.Pages).ToList();
        var idlePages = pastMargin.Count == 0 ? (double?)null : pastMargin.Average();

        var report = new ScenarioReport("idle_sweep_after_burst");
        report.Json["n"] = n;
        report.Json["completed"] = completed;
        report.Json["settings"] = $"--drift-sweep-interval {ConvergedFleetBed.Duration(SweepInterval)} --drift-sweep-margin {ConvergedFleetBed.Duration(SweepMargin)} --resync-interval 1h (1m, 2m / 5)";
        report.Json["burst_seconds"] = Round((readyAt - burstStarted).TotalSeconds);
        report.Json["list_pages_per_sweep_after_ready"] = new JsonArray([.. pages.Select(p => (JsonNode)p)]);
        report.Json["seconds_from_last_write_to_each_sweep"] = new JsonArray([.. sweeps.Select(s => (JsonNode)Round((s.Start - lastWrite).TotalSeconds, 1))]);
        report.Json["idle_list_pages_per_sweep_past_the_margin"] = idlePages is { } p ? Round(p, 2) : null;
        report.Json["cpaas_calls_in_these_sweeps"] = Counts(window.GroupBy(e => e.Operation).ToDictionary(g => g.Key, g => g.Count()));
        report.Json["cpaas_calls_during_burst"] = Counts(bed.Cpaas.Journal.Entries().Where(e => e.Time < readyAt).GroupBy(e => e.Operation).ToDictionary(g => g.Key, g => g.Count()));
        report.Json["target_pages_per_idle_sweep"] = 1;
        report.Json["met"] = idlePages is 1.0;

        report.Row("burst: resources Ready", completed ? I(n) : "timeout");
        report.Row($"list pages per sweep, {Sweeps} sweeps after Ready", string.Join(' ', pages));
        report.Row("idle pages per sweep once the margin passed", idlePages is { } q ? F(q, 2) : "n/a", "1", idlePages is 1.0);
        report.Row("CPaaS calls in these sweeps", Inline(window.GroupBy(e => e.Operation).ToDictionary(g => g.Key, g => g.Count())));
        return report;
    }

    private static bool IsWrite(JournalEntry entry) =>
        entry.Operation is not (SandboxOperation.GetProject or SandboxOperation.ListProjects or SandboxOperation.Unknown);

    /// <summary>
    /// Sweeps that started after <paramref name="after"/>: each from a page=1 list to the next one (lists before the
    /// first page=1 belong to a sweep that started before and are not counted).
    /// </summary>
    private static List<(DateTimeOffset Start, int Pages)> SweepsAfter(TestBed bed, DateTimeOffset after)
    {
        var sweeps = new List<(DateTimeOffset Start, int Pages)>();
        foreach (var entry in bed.Cpaas.Journal.Entries().Where(e => e.Operation == SandboxOperation.ListProjects && e.Time >= after))
        {
            if (IsFirstPage(entry.Path))
            {
                sweeps.Add((entry.Time, 1));
            }
            else if (sweeps.Count > 0)
            {
                sweeps[^1] = (sweeps[^1].Start, sweeps[^1].Pages + 1);
            }
        }

        return sweeps;
    }

    private static bool IsFirstPage(string path) => !path.Contains("page=", StringComparison.Ordinal) || path.Contains("?page=1&", StringComparison.Ordinal) || path.Contains("&page=1&", StringComparison.Ordinal) || path.EndsWith("page=1", StringComparison.Ordinal);
}

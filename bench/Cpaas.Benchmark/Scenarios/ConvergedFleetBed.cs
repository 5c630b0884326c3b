using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Cpaas.Benchmark.Harness;
using Cpaas.Benchmark.Harness.Operator;
using Cpaas.Sandbox.Api;
using Cpaas.Sandbox.Faults;

namespace Cpaas.Benchmark.Scenarios;

/// <summary>
/// The bed of the drift scenarios: both sandboxes, a fleet of N converged <see cref="FleetProjectTemplate"/>
/// resources built by <see cref="ConvergedFleetBuilder"/>, the CPaaS sandbox at the account's limit and latency,
/// and the operator under test (one at a time).
/// </summary>
public sealed class ConvergedFleetBed : IAsyncDisposable
{
    private int _starts;

    private ConvergedFleetBed(TestBed bed, FleetLayout layout, ConvergedFleetBuilder builder, BenchmarkOptions options, double rateLimit, int burst)
    {
        Bed = bed;
        Layout = layout;
        Builder = builder;
        Options = options;
        RateLimit = rateLimit;
        Burst = burst;
    }

    public TestBed Bed { get; }

    public FleetLayout Layout { get; }

    public ConvergedFleetBuilder Builder { get; }

    public BenchmarkOptions Options { get; }

    public double RateLimit { get; }

    public int Burst { get; }

    public OperatorProcess? Operator { get; private set; }

    /// <summary>Seconds of each build step.</summary>
    public JsonObject BuildTimings { get; private set; } = [];

    public static async Task<ConvergedFleetBed> StartAsync(BenchmarkOptions options, OperatorRuntime runtime, int count, string name, double rateLimit, int burst, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bed = await TestBed.StartAsync(new TestBedOptions
        {
            WorkDirectory = options.WorkDirectory is null ? null : Path.Combine(options.WorkDirectory, name),
            KeepWorkDirectory = options.KeepLogs,
            CompactionWindow = Math.Max(20_000, count * 12),
            Runtime = runtime,
        }, ct);
        try
        {
            var layout = new FleetLayout(count, Math.Clamp(count / 100, 1, 100), Prefix: "fleet");
            var fleet = new ConvergedFleetBed(bed, layout, new ConvergedFleetBuilder(bed, layout), options, rateLimit, burst);
            // The exemplar: converged without limits, then observed once (resync 2 s) so status.projectStatus is there too.
            var exemplar = bed.Launch("bench-fleet-exemplar") with
            {
                CpaasRateLimit = 1000,
                CpaasBurst = 100,
                ResyncInterval = TimeSpan.FromSeconds(2),
                GarbageCollector = options.OperatorGc,
            };
            fleet.BuildTimings = await fleet.Builder.BuildAsync(exemplar, ct);
            bed.Cpaas.Faults.Latency = options.CpaasLatency;
            bed.Cpaas.Faults.RateLimit = new SandboxRateLimit(rateLimit, burst);
            return fleet;
        }
        catch
        {
            await bed.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the operator with the account's limit, the given full-observe interval and drift flags; waits until it
    /// reconciled every resource once (each at no CPaaS cost: the fleet is converged) and,
    /// if asked, completed its first sweep (which reads every page). Returns what the start-up cost.
    /// </summary>
    public async Task<StartUp> StartOperatorAsync(TimeSpan resyncInterval, TimeSpan? sweepInterval, TimeSpan? sweepMargin, bool waitForFirstSweep, CancellationToken ct)
    {
        await StopOperatorAsync();
        var extra = new List<string>();
        if (sweepInterval is { } sweep)
        {
            extra.AddRange(["--drift-sweep-interval", Duration(sweep)]);
        }

        if (sweepMargin is { } margin)
        {
            extra.AddRange(["--drift-sweep-margin", Duration(margin)]);
        }

        var launch = Bed.Launch($"bench-fleet-operator-{++_starts}") with
        {
            CpaasRateLimit = RateLimit,
            CpaasBurst = Burst,
            ResyncInterval = resyncInterval,
            GarbageCollector = Options.OperatorGc,
            ExtraArguments = extra,
        };
        if (Options.Workers is { } workers)
        {
            launch = launch with { Workers = workers };
        }

        var since = LastSequence();
        var clock = Stopwatch.StartNew();
        Operator = Bed.StartOperator(launch);
        var n = Layout.Count;
        var ready = await Waits.UntilReadyAsync(Operator, TimeSpan.FromSeconds(180), ct);
        var reconciled = await Waits.UntilIdleAsync(Operator, n, TimeSpan.FromSeconds(Math.Max(300, n / 10.0)), ct);
        TimeSpan? firstSweep = null;
        if (waitForFirstSweep)
        {
            // The first sweep reads every page: N / page_length lists at the account's rate, and then some.
            firstSweep = await UntilAsync(async token => (await Operator.ScrapeAsync(token)).Sum(
                "cpaas_operator_drift_sweeps_total", l => l.GetValueOrDefault("result") == "complete") >= 1,
                TimeSpan.FromSeconds(300 + (n / 20.0 / Math.Max(1, RateLimit) * 2)), "the first complete drift sweep", ct);
        }

        var entries = Bed.Cpaas.Journal.Since(since);
        return new StartUp(
            ready.TotalSeconds,
            reconciled.TotalSeconds,
            firstSweep?.TotalSeconds,
            clock.Elapsed.TotalSeconds,
            entries.GroupBy(e => e.Operation).ToDictionary(g => g.Key, g => g.Count()),
            Bed.Fleet.CountReady());
    }

    public async Task StopOperatorAsync()
    {
        if (Operator is { } running)
        {
            await running.StopAsync(TimeSpan.FromSeconds(30));
            Operator = null;
        }
    }

    public long LastSequence() => Bed.Cpaas.Journal.Entries().Select(e => e.Sequence).DefaultIfEmpty(0).Max();

    public async ValueTask DisposeAsync()
    {
        await StopOperatorAsync();
        await Bed.DisposeAsync();
    }

    private async Task<TimeSpan> UntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, string what, CancellationToken ct)
    {
        var process = Operator!;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            while (!await condition(deadline.Token))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The operator exited with {process.ExitCode} while waiting for {what}; log: {process.LogPath}");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token); // Polling the operator's /metrics.
            }

            return Stopwatch.GetElapsedTime(process.StartTimestamp);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The operator did not reach {what} within {timeout}; log: {process.LogPath}");
        }
    }

    internal static string Duration(TimeSpan span) =>
        span.TotalSeconds == Math.Floor(span.TotalSeconds)
            ? string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalSeconds}s")
            : string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalMilliseconds}ms");

    /// <summary>What an operator start cost, from process start.</summary>
    public sealed record StartUp(
        double ReadySeconds,
        double AllReconciledSeconds,
        double? FirstSweepSeconds,
        double TotalSeconds,
        Dictionary<SandboxOperation, int> Calls,
        int Ready)
    {
        /// <summary>CPaaS writes at start-up: none for a converged fleet.</summary>
        public int Writes => Calls.Where(p => p.Key is not (SandboxOperation.GetProject or SandboxOperation.ListProjects)).Sum(p => p.Value);

        public JsonObject ToJson() => new()
        {
            ["to_ready_seconds"] = Math.Round(ReadySeconds, 1),
            ["to_all_reconciled_seconds"] = Math.Round(AllReconciledSeconds, 1),
            ["to_first_sweep_complete_seconds"] = FirstSweepSeconds is { } s ? Math.Round(s, 1) : null,
            ["cpaas_calls"] = Reporting.Units.Counts(Calls),
            ["cpaas_writes"] = Writes,
            ["ready"] = Ready,
        };
    }
}

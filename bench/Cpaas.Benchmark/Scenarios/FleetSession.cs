using Cpaas.Benchmark.Harness;
using Cpaas.Benchmark.Harness.Operator;
using Cpaas.Sandbox.Faults;

namespace Cpaas.Benchmark.Scenarios;

/// <summary>
/// The bed shared by converge, no-op resync and change latency: one fleet of N resources, the CPaaS sandbox with the
/// issue's latency and per-account rate limit, and the operator configured with the same limit.
/// </summary>
public sealed class FleetSession(TestBed bed, BenchmarkOptions options)
{
    private int _starts;

    public TestBed Bed { get; } = bed;

    public BenchmarkOptions Options { get; } = options;

    public FleetLayout Layout { get; } = new(options.Count, Math.Clamp(options.Count / 100, 1, 100));

    /// <summary>The running operator, if any.</summary>
    public OperatorProcess? Operator { get; private set; }

    public void ApplyApiLimits()
    {
        Bed.Cpaas.Faults.Latency = Options.CpaasLatency;
        Bed.Cpaas.Faults.RateLimit = new SandboxRateLimit(Options.RateLimit, Options.Burst);
    }

    public OperatorLaunch Launch(TimeSpan? resync = null)
    {
        var launch = Bed.Launch($"bench-operator-{++_starts}") with
        {
            CpaasRateLimit = Options.RateLimit,
            CpaasBurst = Options.Burst,
            GarbageCollector = Options.OperatorGc,
        };
        if (Options.Workers is { } workers)
        {
            launch = launch with { Workers = workers };
        }

        return resync is { } interval ? launch with { ResyncInterval = interval } : launch;
    }

    /// <summary>Stops the running operator gracefully (SIGTERM), if any: nothing it does can then reach a measurement.</summary>
    public async Task StopAsync()
    {
        if (Operator is { } previous)
        {
            await previous.StopAsync(TimeSpan.FromSeconds(30));
            Operator = null;
        }
    }

    /// <summary>Stops the running operator gracefully (SIGTERM) and starts a new one; waits until it is ready.</summary>
    public async Task<OperatorProcess> RestartAsync(OperatorLaunch launch, CancellationToken ct)
    {
        await StopAsync();

        Operator = Bed.StartOperator(launch);
        await Waits.UntilReadyAsync(Operator, TimeSpan.FromSeconds(120), ct);
        return Operator;
    }
}

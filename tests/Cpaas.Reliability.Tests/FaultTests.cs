using Cpaas.Benchmark.Harness;
using Cpaas.Benchmark.Harness.Operator;
using Cpaas.Reliability.Tests.Support;
using Cpaas.Sandbox.Api;
using Xunit.Abstractions;

namespace Cpaas.Reliability.Tests;

/// <summary>
/// While both APIs misbehave (<see cref="Chaos"/>), a fleet converges and then rotates every key on its own, with no
/// help; once the faults stop nothing is duplicated or lost and every Secret holds its project's current key.
/// </summary>
public sealed class FaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Fleet_converges_and_rotates_keys_under_cpaas_and_kubernetes_faults_with_no_duplicate_and_no_lost_project_or_key()
    {
        var scale = ReliabilityScale.Current;
        // The sum of the phase deadlines below, under the runner's 10-minute hang limit (test.runsettings).
        using var deadline = TestDeadline.Start(TimeSpan.FromMinutes(scale.Full ? 40 : 9.5));
        var ct = deadline.Token;
        await using var run = await FaultRun.StartAsync(scale, output, ct);
        bool converged;
        bool rotated;
        await using (var chaos = new Chaos(run.Bed))
        {
            // Under faults a resource's retries back off to --retry-max-delay (1m): 3 minutes left one unlucky resource
            // only two or three tries at the cap (one clean-clone CI run in six); 5 give it five.
            converged = await run.WaitAllReadyAsync("converge under faults", TimeSpan.FromMinutes(scale.Full ? 15 : 5), ct);
            rotated = converged && await RotateAsync(run, scale, ct);
            output.WriteLine(chaos.ToString());
        }

        var statuses = run.Bed.Cpaas.Journal.CountsByStatus();
        output.WriteLine("CPaaS answers by status: " + string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}")));
        var settled = await run.WaitAllReadyAsync("after the faults stopped", TimeSpan.FromMinutes(scale.Full ? 5 : 2), ct);
        if (!converged || !rotated || !settled)
        {
            OperatorLogs.Dump(output, run.Operator);
        }

        Assert.True(converged, "the fleet did not converge under faults: see the output");
        Assert.True(rotated, "the fleet did not rotate its keys under faults: see the output");
        Assert.True(settled, "after the faults stopped: " + FleetActions.NotReadySummary(run.Bed, run.Members));
        var audit = await FleetAudit.RunAsync(run.Bed, run.Members, ct);
        output.WriteLine(audit.ToString());
        output.WriteLine($"adds: {run.Bed.Cpaas.Journal.CountOf(SandboxOperation.AddProject)}, most reset_key calls for one project: {audit.ResetKeysMax}");
        Assert.True(audit.Clean, audit.ToString());
        Assert.False(run.Operator.HasExited, $"the operator exited with {run.Operator.ExitCode}");
        Assert.Equal(0, run.Operator.FatalLines);
        Assert.True(statuses.Keys.Any(s => s >= 500), "no 5xx was injected: the test did not test faults");
        Assert.True(statuses.ContainsKey(429), "no 429 was injected: the test did not test rate limiting");
    }

    private static async Task<bool> RotateAsync(FaultRun run, ReliabilityScale scale, CancellationToken ct)
    {
        await FleetActions.RequestRotationAsync(run.Bed, run.Members, "faults-rotation-1", ct);
        return await run.WaitAllReadyAsync("rotate under faults", TimeSpan.FromMinutes(scale.Full ? 10 : 2), ct);
    }

    /// <summary>A bed with the fleet created and the operator started (retries and timeouts as in production, 8 workers).</summary>
    private sealed class FaultRun : IAsyncDisposable
    {
        private readonly ITestOutputHelper _output;

        private FaultRun(TestBed bed, IReadOnlyList<FleetMember> members, OperatorProcess process, ITestOutputHelper output)
        {
            Bed = bed;
            Members = members;
            Operator = process;
            _output = output;
        }

        public TestBed Bed { get; }

        public IReadOnlyList<FleetMember> Members { get; }

        public OperatorProcess Operator { get; }

        public static async Task<FaultRun> StartAsync(ReliabilityScale scale, ITestOutputHelper output, CancellationToken ct)
        {
            output.WriteLine($"seed {scale.Seed}, {scale.FaultResources} resources");
            var bed = await TestBed.StartAsync(scale.BedOptions(scale.Seed), ct);
            output.WriteLine($"work directory {bed.WorkDirectory}");
            var layout = new FleetLayout(scale.FaultResources, 4, "faults");
            await bed.PrepareNamespacesAsync(layout.Namespaces, ct);
            await bed.CreateProjectsAsync(layout.Members, 8, ct);
            var process = bed.StartOperator(bed.Launch("faults") with
            {
                LeaderElect = false,
                CpaasRateLimit = 500,
                CpaasBurst = 50,
                Workers = 8,
                CpaasTimeout = TimeSpan.FromSeconds(10),
            });
            return new FaultRun(bed, layout.Members, process, output);
        }

        public async Task<bool> WaitAllReadyAsync(string phase, TimeSpan timeout, CancellationToken ct)
        {
            var ready = await FleetActions.WaitAllReadyAsync(Bed, Members, timeout, ct);
            _output.WriteLine($"{phase}: {(ready ? "all Ready" : FleetActions.NotReadySummary(Bed, Members))}");
            return ready;
        }

        public async ValueTask DisposeAsync() => await Bed.DisposeAsync();
    }
}

using System.Text.Json.Nodes;
using Cpaas.Benchmark.Harness;
using Cpaas.Benchmark.Harness.Operator;
using Cpaas.Reliability.Tests.Support;
using Cpaas.Sandbox.Api;
using Xunit.Abstractions;

namespace Cpaas.Reliability.Tests;

/// <summary>
/// A fleet converges, then rotates every key, while both APIs misbehave (<see cref="Chaos"/>); once the faults stop
/// nothing is duplicated or lost and every Secret holds its project's current key.
/// </summary>
public sealed class FaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Fleet_under_cpaas_and_kubernetes_faults_ends_with_no_duplicate_and_no_lost_project_or_key()
    {
        var scale = ReliabilityScale.Current;
        using var deadline = TestDeadline.Start(TimeSpan.FromMinutes(scale.Full ? 40 : 10));
        var ct = deadline.Token;
        await using var run = await FaultRun.StartAsync(scale, output, ct);
        bool converged;
        bool rotated;
        await using (var chaos = new Chaos(run.Bed))
        {
            converged = await run.WaitAllReadyAsync("converge under faults", TimeSpan.FromMinutes(scale.Full ? 10 : 2), ct);
            await FleetActions.RequestRotationAsync(run.Bed, run.Members, "faults-rotation-1", ct);
            rotated = await run.WaitAllReadyAsync("rotate under faults", TimeSpan.FromMinutes(scale.Full ? 10 : 2), ct);
            output.WriteLine(chaos.ToString());
        }

        output.WriteLine($"under faults: converged {converged}, rotated {rotated}");
        var statuses = run.Bed.Cpaas.Journal.CountsByStatus();
        output.WriteLine("CPaaS answers by status: " + string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}")));

        // Faults over: an edit of each resource (as a person would make) ends any long backoff at once.
        await run.PokeAsync(ct);
        var settled = await run.WaitAllReadyAsync("after the faults stopped", TimeSpan.FromMinutes(scale.Full ? 10 : 3), ct);
        if (!settled)
        {
            OperatorLogs.Dump(output, run.Operator);
        }

        Assert.True(settled, "after the faults stopped: " + FleetActions.NotReadySummary(run.Bed, run.Members));
        var audit = await FleetAudit.RunAsync(run.Bed, run.Members, ct);
        output.WriteLine(audit.ToString());
        output.WriteLine($"adds: {run.Bed.Cpaas.Journal.CountOf(SandboxOperation.AddProject)}, most reset_key calls for one project: {audit.ResetKeysMax}");
        Assert.True(audit.Clean, audit.ToString());
        Assert.False(run.Operator.HasExited, $"the operator exited with {run.Operator.ExitCode}");
        Assert.Equal(0, run.Operator.FatalLines);
        Assert.True(statuses.Keys.Any(s => s >= 500), "no 5xx was injected: the test did not test faults");
    }

    [Fact]
    public async Task Fleet_converges_under_faults_without_help()
    {
        var scale = ReliabilityScale.Current;
        using var deadline = TestDeadline.Start(TimeSpan.FromMinutes(scale.Full ? 20 : 6));
        var ct = deadline.Token;
        await using var run = await FaultRun.StartAsync(scale, output, ct);
        await using var chaos = new Chaos(run.Bed);
        Assert.True(await run.WaitAllReadyAsync("converge under faults", TimeSpan.FromMinutes(scale.Full ? 15 : 4), ct), FleetActions.NotReadySummary(run.Bed, run.Members));
    }

    /// <summary>A bed with the fleet created and the operator started (retries and timeouts as in production, 8 workers).</summary>
    private sealed class FaultRun : IAsyncDisposable
    {
        private readonly ITestOutputHelper output;

        private FaultRun(TestBed bed, IReadOnlyList<FleetMember> members, OperatorProcess process, ITestOutputHelper output)
        {
            Bed = bed;
            Members = members;
            Operator = process;
            this.output = output;
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
            output.WriteLine($"{phase}: {(ready ? "all Ready" : FleetActions.NotReadySummary(Bed, Members))}");
            return ready;
        }

        /// <summary>An annotation on every resource: a watch event, so the operator looks at it now.</summary>
        public async Task PokeAsync(CancellationToken ct)
        {
            var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["reliability.test/poke"] = "1" } } };
            foreach (var member in Members)
            {
                await Bed.Admin.MergePatchAsync(ProjectTemplate.Path(member.Namespace, member.Name), patch.DeepClone().AsObject(), ct);
            }
        }

        public async ValueTask DisposeAsync() => await Bed.DisposeAsync();
    }
}

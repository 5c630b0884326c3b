using Cpaas.Benchmark.Harness;
using Cpaas.Reliability.Tests.Support;
using Cpaas.Sandbox.Api;
using Xunit.Abstractions;

namespace Cpaas.Reliability.Tests;

/// <summary>
/// A fleet converges, then rotates every key, while both APIs misbehave (<see cref="Chaos"/>); once the faults stop
/// it is Ready and nothing is duplicated or lost.
/// </summary>
public sealed class FaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Fleet_converges_and_rotates_keys_under_cpaas_and_kubernetes_faults_without_duplicates_or_losses()
    {
        var scale = ReliabilityScale.Current;
        using var deadline = TestDeadline.Start(TimeSpan.FromMinutes(scale.Full ? 30 : 6));
        var ct = deadline.Token;
        output.WriteLine($"seed {scale.Seed}, {scale.FaultResources} resources");

        await using var bed = await TestBed.StartAsync(new TestBedOptions { RandomSeed = scale.Seed }, ct);
        var layout = new FleetLayout(scale.FaultResources, 4, "faults");
        var members = layout.Members;
        await bed.PrepareNamespacesAsync(layout.Namespaces, ct);
        await bed.CreateProjectsAsync(members, 8, ct);

        var process = bed.StartOperator(bed.Launch("faults") with
        {
            LeaderElect = false,
            CpaasRateLimit = 500,
            CpaasBurst = 50,
            Workers = 8,
            CpaasTimeout = TimeSpan.FromSeconds(10),
        });
        bool converged;
        bool rotated;
        string convergeSummary;
        string rotateSummary;
        var chaos = new Chaos(bed);
        await using (chaos)
        {
            converged = await FleetActions.WaitAllReadyAsync(bed, members, TimeSpan.FromMinutes(scale.Full ? 15 : 3), ct);
            convergeSummary = $"under faults: converged {converged}; {FleetActions.NotReadySummary(bed, members)}";
            output.WriteLine(convergeSummary);
            await FleetActions.RequestRotationAsync(bed, members, "faults-rotation-1", ct);
            rotated = await FleetActions.WaitAllReadyAsync(bed, members, TimeSpan.FromMinutes(scale.Full ? 10 : 2), ct);
            rotateSummary = $"under faults: rotated {rotated}; {FleetActions.NotReadySummary(bed, members)}";
            output.WriteLine(rotateSummary);
        }

        output.WriteLine(chaos.ToString());
        var statuses = bed.Cpaas.Journal.CountsByStatus();
        output.WriteLine("CPaaS answers by status: " + string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}")));
        var settled = await FleetActions.WaitAllReadyAsync(bed, members, TimeSpan.FromMinutes(3), ct);
        if (!settled)
        {
            OperatorLogs.Dump(output, process);
        }

        Assert.True(converged, convergeSummary);
        Assert.True(rotated, rotateSummary);
        Assert.True(settled, "after the faults stopped: " + FleetActions.NotReadySummary(bed, members));
        var audit = await FleetAudit.RunAsync(bed, members, ct);
        output.WriteLine(audit.ToString());
        output.WriteLine($"adds: {bed.Cpaas.Journal.CountOf(SandboxOperation.AddProject)}, most reset_key calls for one project: {audit.ResetKeysMax}");
        Assert.True(audit.Clean, audit.ToString());
        Assert.False(process.HasExited, $"the operator exited with {process.ExitCode}");
        Assert.Equal(0, process.FatalLines);
        Assert.True(statuses.Keys.Any(s => s >= 500), "no 5xx was injected: the test did not test faults");
    }
}

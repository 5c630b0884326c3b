using System.Diagnostics;
using Cpaas.Benchmark.Harness;
using Cpaas.Benchmark.Harness.Operator;
using Cpaas.Reliability.Tests.Support;
using Cpaas.Sandbox.Api;
using Xunit.Abstractions;

namespace Cpaas.Reliability.Tests;

/// <summary>
/// The operator process is SIGKILLed at random moments while it converges a fleet (and, from half-way, rotates every
/// key), then started again; at the end every resource has exactly one project, no project is orphaned and every
/// Secret holds its project's current key. Kill moments come from a logged seed (CPAAS_RELIABILITY_SEED replays).
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Operator_killed_at_random_moments_during_convergence_leaves_exactly_one_project_per_resource_and_current_keys()
    {
        var scale = ReliabilityScale.Current;
        using var deadline = TestDeadline.Start(TimeSpan.FromMinutes(scale.Full ? 30 : 6));
        var ct = deadline.Token;
        var random = new Random(scale.Seed);
        output.WriteLine($"seed {scale.Seed}, {scale.CrashResources} resources, {scale.CrashRounds} kills");

        await using var bed = await TestBed.StartAsync(new TestBedOptions(), ct);
        // Latency widens the windows that matter: between an add's commit and the status write, between reset_key and the Secret.
        bed.Cpaas.Faults.Latency = TimeSpan.FromMilliseconds(30);
        var layout = new FleetLayout(scale.CrashResources, 2, "crash");
        var members = layout.Members;
        await bed.PrepareNamespacesAsync(layout.Namespaces, ct);
        await bed.CreateProjectsAsync(members, 8, ct);

        OperatorProcess? last = null;
        for (var round = 1; round <= scale.CrashRounds; round++)
        {
            if (round == (scale.CrashRounds / 2) + 1)
            {
                await FleetActions.RequestRotationAsync(bed, members, "crash-rotation-1", ct);
                output.WriteLine($"round {round}: key rotation requested for every resource");
            }

            var before = bed.Cpaas.Journal.CountsByOperation();
            var process = bed.StartOperator(Launch(bed, $"crash-{round}"));
            last = process;
            var moment = await KillMomentAsync(bed, process, random, ct);
            await process.KillAsync();
            var after = bed.Cpaas.Journal.CountsByOperation();
            output.WriteLine($"round {round}: SIGKILL {moment}; during the round: add {Delta(before, after, SandboxOperation.AddProject)}, " +
                             $"reset_key {Delta(before, after, SandboxOperation.ResetKey)}, ready {bed.Fleet.CountReady()}/{members.Count}, projects {bed.Cpaas.Store.Count}");
            Assert.True(process.FatalLines == 0, $"round {round}: the operator logged a fatal error before the kill");
        }

        var final = bed.StartOperator(Launch(bed, "crash-final"));
        var converged = await FleetActions.WaitAllReadyAsync(bed, members, TimeSpan.FromMinutes(scale.Full ? 10 : 3), ct);
        if (!converged)
        {
            OperatorLogs.Dump(output, final);
        }

        Assert.True(converged, FleetActions.NotReadySummary(bed, members));
        var audit = await FleetAudit.RunAsync(bed, members, ct);
        output.WriteLine(audit.ToString());
        output.WriteLine($"most reset_key calls for one project: {audit.ResetKeysMax}; adds in all: {bed.Cpaas.Journal.CountOf(SandboxOperation.AddProject)}");
        Assert.True(audit.Clean, audit.ToString());
        Assert.False(final.HasExited, "the operator exited");
        Assert.NotNull(last);
    }

    private static OperatorLaunch Launch(TestBed bed, string identity) =>
        bed.Launch(identity) with { LeaderElect = false, CpaasRateLimit = 200, CpaasBurst = 50, Workers = 4 };

    /// <summary>
    /// One kill in five lands during start-up (before the first CPaaS call); the others at a random moment within
    /// two seconds after the process began calling the CPaaS API, i.e. mid-convergence.
    /// </summary>
    private static async Task<string> KillMomentAsync(TestBed bed, OperatorProcess process, Random random, CancellationToken ct)
    {
        if (random.NextDouble() < 0.2)
        {
            var early = TimeSpan.FromMilliseconds(random.Next(200, 3000));
            await Task.Delay(early, ct); // The kill moment itself is the random variable under test.
            return $"{early.TotalMilliseconds:F0} ms after start (start-up)";
        }

        var since = bed.Cpaas.Journal.Entries().Select(e => e.Sequence).DefaultIfEmpty(0).Max();
        using var firstCall = CancellationTokenSource.CreateLinkedTokenSource(ct);
        firstCall.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            // The previous process is dead: any new journal entry is this process's.
            await bed.Cpaas.Journal.WaitForAsync(entries => entries.Count > 0 && entries[^1].Sequence > since, firstCall.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return "after 60 s without any CPaaS call (nothing left to do)";
        }

        var sinceStart = Stopwatch.GetElapsedTime(process.StartTimestamp);
        var delay = TimeSpan.FromMilliseconds(random.Next(0, 2000));
        await Task.Delay(delay, ct); // The kill moment itself is the random variable under test.
        return $"{delay.TotalMilliseconds:F0} ms after its first CPaaS call ({sinceStart.TotalSeconds:F1} s after start)";
    }

    private static int Delta(IReadOnlyDictionary<SandboxOperation, int> before, IReadOnlyDictionary<SandboxOperation, int> after, SandboxOperation operation) =>
        after.GetValueOrDefault(operation) - before.GetValueOrDefault(operation);
}

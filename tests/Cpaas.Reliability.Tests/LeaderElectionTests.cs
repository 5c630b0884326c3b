using System.Diagnostics;
using Cpaas.Benchmark.Harness;
using Cpaas.Benchmark.Harness.Kube;
using Cpaas.Benchmark.Harness.Operator;
using Cpaas.Reliability.Tests.Support;
using Cpaas.Sandbox.Api;
using Xunit.Abstractions;

namespace Cpaas.Reliability.Tests;

/// <summary>
/// Two operator processes with leader election: the CPaaS journal (the User-Agent names the process) shows one
/// writer at a time; killing the leader hands the Lease over within the lease duration and convergence completes.
/// </summary>
public sealed class LeaderElectionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task Killing_the_leader_hands_over_within_the_lease_duration_with_one_writer_at_a_time()
    {
        var scale = ReliabilityScale.Current;
        using var deadline = TestDeadline.Start(TimeSpan.FromMinutes(scale.Full ? 15 : 5));
        var ct = deadline.Token;

        await using var bed = await TestBed.StartAsync(ReliabilityScale.Current.BedOptions(), ct);
        output.WriteLine($"work directory {bed.WorkDirectory}");
        bed.Cpaas.Faults.Latency = TimeSpan.FromMilliseconds(40); // Convergence lasts long enough to kill mid-way.
        var layout = new FleetLayout(scale.LeaderResources, 2, "leader");
        var members = layout.Members;
        await bed.PrepareNamespacesAsync(layout.Namespaces, ct);

        var processes = new Dictionary<string, OperatorProcess>(StringComparer.Ordinal)
        {
            ["alpha"] = bed.StartOperator(Launch(bed, "alpha")),
            ["beta"] = bed.StartOperator(Launch(bed, "beta")),
        };
        var leader = await HolderAsync(bed, null, TimeSpan.FromSeconds(90), ct);
        var follower = processes.Keys.Single(k => k != leader);
        output.WriteLine($"leader {leader}, follower {follower}");

        await bed.CreateProjectsAsync(members, 8, ct);
        using (var progress = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            progress.CancelAfter(TimeSpan.FromSeconds(90));
            await bed.Cpaas.Journal.WaitForAsync(e => e.Count(x => x.Operation == SandboxOperation.AddProject) >= Math.Min(5, members.Count), progress.Token);
        }

        var killedAt = DateTimeOffset.UtcNow;
        var killed = Stopwatch.GetTimestamp();
        await processes[leader].KillAsync();
        // A request the leader sent just before SIGKILL can arrive (and be journaled) a moment after killedAt; none can
        // arrive once the process is gone and its sockets are closed.
        var goneAt = DateTimeOffset.UtcNow;
        var newLeader = await HolderAsync(bed, follower, LeaseDuration * 3, ct);
        var handover = Stopwatch.GetElapsedTime(killed);
        output.WriteLine($"killed {leader} after {bed.Cpaas.Journal.CountOf(SandboxOperation.AddProject)} adds; {newLeader} holds the lease {handover.TotalSeconds:F2} s later (lease {LeaseDuration.TotalSeconds} s)");

        var converged = await FleetActions.WaitAllReadyAsync(bed, members, TimeSpan.FromMinutes(scale.Full ? 10 : 3), ct);
        if (!converged)
        {
            OperatorLogs.Dump(output, processes[follower]);
        }

        Assert.True(converged, FleetActions.NotReadySummary(bed, members));
        var entries = bed.Cpaas.Journal.Entries();
        var byWriter = entries.GroupBy(e => Writer(e.UserAgent)).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        output.WriteLine("CPaaS requests by writer: " + string.Join(", ", byWriter.Select(p => $"{p.Key}: {p.Value.Count} ({p.Value.Min(e => e.Time):HH:mm:ss.fff} .. {p.Value.Max(e => e.Time):HH:mm:ss.fff})")));
        var firstOfNewLeader = byWriter.GetValueOrDefault(follower)?.Min(e => e.Time);
        if (firstOfNewLeader is { } first)
        {
            output.WriteLine($"first CPaaS request of {follower}: {(first - killedAt).TotalSeconds:F2} s after the kill");
        }

        Assert.Equal(follower, newLeader);
        // client-go's rule, which the operator follows: a follower may take the lease once it has seen no renewal for a
        // lease duration by its own clock, and it looks every retry period jittered by up to 1.2 more (JitterUntil). It
        // sees the last renewal up to one such delay late and then needs up to one more, so the bound after a kill is
        // lease + 2 x 2.2 retry periods (the operator's retry period is lease / 7.5): 9.5 s for a 6 s lease.
        var bound = LeaseDuration + (2 * 2.2 * (LeaseDuration / 7.5));
        Assert.True(handover <= bound, $"handover took {handover.TotalSeconds:F2} s, lease duration {LeaseDuration.TotalSeconds} s, bound {bound.TotalSeconds:F1} s");
        Assert.Equal(new[] { leader, follower }.Order(StringComparer.Ordinal), byWriter.Keys.Order(StringComparer.Ordinal));
        Assert.All(byWriter[leader], e => Assert.True(e.Time <= goneAt, $"{leader} wrote at {e.Time:HH:mm:ss.fff}, after it was killed"));
        Assert.All(byWriter[follower], e => Assert.True(e.Time >= killedAt, $"{follower} wrote at {e.Time:HH:mm:ss.fff} while {leader} led"));
        var audit = await FleetAudit.RunAsync(bed, members, ct);
        output.WriteLine(audit.ToString());
        Assert.True(audit.Clean, audit.ToString());
    }

    private static OperatorLaunch Launch(TestBed bed, string identity) =>
        bed.Launch(identity) with { LeaderElect = true, LeaseDuration = LeaseDuration, CpaasRateLimit = 200, CpaasBurst = 20 };

    /// <summary>"cpaas-operator/1.2.3 (alpha)" to "alpha".</summary>
    private static string Writer(string? userAgent)
    {
        var open = userAgent?.LastIndexOf('(') ?? -1;
        var close = userAgent?.LastIndexOf(')') ?? -1;
        return open >= 0 && close > open ? userAgent![(open + 1)..close] : userAgent ?? "(none)";
    }

    /// <summary>Polls the Lease until it has a holder, or the <paramref name="expected"/> one when given.</summary>
    private static async Task<string> HolderAsync(TestBed bed, string? expected, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var path = $"/apis/coordination.k8s.io/v1/namespaces/{TestBed.OperatorNamespace}/leases/cpaas-operator-leader";
        try
        {
            while (true)
            {
                var lease = await bed.Admin.GetAsync(path, deadline.Token);
                var holder = lease?["spec"]?["holderIdentity"]?.GetValue<string>();
                if (!string.IsNullOrEmpty(holder) && (expected is null || holder == expected))
                {
                    return holder;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token); // Polling the Lease: the handover time is what is measured.
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var lease = await bed.Admin.GetAsync(path, ct);
            throw new TimeoutException($"no lease holder {(expected is null ? "" : $"'{expected}' ")}within {timeout}: {lease?["spec"]?.ToJsonString()}");
        }
    }
}

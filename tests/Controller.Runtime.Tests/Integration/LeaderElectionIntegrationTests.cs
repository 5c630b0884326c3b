using System.Collections.Concurrent;
using Controller.Runtime.Hosting;
using Controller.Runtime.LeaderElection;
using Controller.Runtime.Tests.Support;
using k8s;
using k8s.Models;

namespace Controller.Runtime.Tests.Integration;

public sealed class LeaderElectionIntegrationTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Only_the_leader_reconciles_and_leadership_moves_to_the_other_manager_when_the_leader_stops()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var reconciledBy = new ConcurrentQueue<(string Identity, string Name)>();
        using var clientA = fixture.NewClient();
        using var clientB = fixture.NewClient();
        var a = NewManager(clientA, ns, "manager-a", reconciledBy);
        await using var b = NewManager(clientB, ns, "manager-b", reconciledBy);

        await a.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => a.IsLeader, "the first manager leads");
        await b.StartAsync(CancellationToken.None);
        await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "first" } }, ns);
        await Eventually.TrueAsync(() => reconciledBy.Any(r => r.Name == "first"), "the leader reconciled");
        Assert.False(b.IsLeader);

        Assert.All(reconciledBy, r => Assert.Equal("manager-a", r.Identity));
        await a.StopAsync(CancellationToken.None);
        await a.DisposeAsync();
        var reconciledByA = reconciledBy.Count;
        await Eventually.TrueAsync(() => b.IsLeader, "the second manager took over after the lease was released");
        await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "second" } }, ns);
        await Eventually.TrueAsync(() => reconciledBy.Any(r => r.Name == "second"), "the new leader reconciled");

        // The new leader starts from its whole cache ("first" again), and only it reconciles from now on.
        Assert.All(reconciledBy.Skip(reconciledByA), r => Assert.Equal("manager-b", r.Identity));
        Assert.Contains(("manager-b", "first"), reconciledBy);
        var lease = await fixture.Client.CoordinationV1.ReadNamespacedLeaseAsync("runtime-test", ns);
        Assert.Equal("manager-b", lease.Spec.HolderIdentity);
        Assert.True(lease.Spec.LeaseTransitions >= 1);
    }

    [Fact]
    public async Task A_leader_that_vanishes_without_releasing_is_replaced_after_the_lease_duration()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var options = Election(ns, "runtime-test", "ghost") with { ReleaseOnCancel = false };
        var ghost = new LeaderElector(new KubernetesLeaseStore(fixture.Client, ns, "runtime-test"), options);
        using (var cts = new CancellationTokenSource())
        {
            var became = new TaskCompletionSource();
            var term = ghost.RunOnceAsync(
                (_, _) =>
                {
                    became.TrySetResult();
                    return Task.CompletedTask;
                },
                cts.Token);
            await became.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await cts.CancelAsync();
            Assert.False(await term);
        }

        var successor = new LeaderElector(new KubernetesLeaseStore(fixture.Client, ns, "runtime-test"), Election(ns, "runtime-test", "successor"));
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var leading = new TaskCompletionSource();
        var run = successor.RunOnceAsync(
            async (stopping, _) =>
            {
                leading.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            },
            stop.Token);

        await leading.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(2), $"took over after {started.Elapsed}, before the lease could expire");
        await stop.CancelAsync();
        Assert.False(await run);
    }

    private static LeaderElectionOptions Election(string ns, string lease, string identity) => new()
    {
        Enabled = true,
        LeaseName = lease,
        LeaseNamespace = ns,
        Identity = identity,
        LeaseDuration = TimeSpan.FromSeconds(3),
        RenewDeadline = TimeSpan.FromSeconds(2),
        RetryPeriod = TimeSpan.FromMilliseconds(250),
    };

    private static Manager NewManager(Kubernetes client, string ns, string identity, ConcurrentQueue<(string, string)> reconciledBy)
    {
        var manager = new Manager(
            client,
            new ManagerOptions { Namespaces = [ns], HealthServer = null, LeaderElection = Election(ns, "runtime-test", identity), Json = TestJson.Kube },
            registry: Prometheus.Metrics.NewCustomRegistry());
        manager.CreateController<V1ConfigMap>("configmaps").Complete(new RecordingReconciler(identity, reconciledBy));
        return manager;
    }

    private sealed class RecordingReconciler(string identity, ConcurrentQueue<(string, string)> log) : IReconciler
    {
        public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            log.Enqueue((identity, key.Name));
            return Task.FromResult(ReconcileResult.Done);
        }
    }
}

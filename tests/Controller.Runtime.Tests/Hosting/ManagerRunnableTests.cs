using System.Diagnostics;
using Controller.Runtime.Hosting;
using Controller.Runtime.LeaderElection;
using Controller.Runtime.Tests.LeaderElection;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Controller.Runtime.Tests.Hosting;

/// <summary>
/// Runnables in the manager's lifecycle (docs/decisions/0069-runnables-and-composition-root.md), on fake list/watch
/// endpoints, an in-memory lease and a fake clock. Waits are on conditions, with wall-clock safety nets only.
/// </summary>
public sealed class ManagerRunnableTests : IAsyncDisposable
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryLeaseStore _lease = new();
    private readonly FakeManagerClients _clients;
    private Manager? _manager;

    public ManagerRunnableTests()
    {
        _clients = new FakeManagerClients(_time);
    }

    [Fact]
    public async Task A_leader_runnable_starts_when_leadership_is_acquired_and_is_cancelled_when_it_is_lost()
    {
        var sweep = new TestRunnable("sweep", needsLeaderElection: true);
        var manager = NewManager(leaderElection: true);
        manager.Add(sweep);

        await manager.StartAsync(CancellationToken.None);
        await sweep.Started.WaitAsync(SafetyNet);
        Assert.True(manager.IsLeader);
        Assert.False(sweep.Cancelled.IsCompleted);

        // The lease can no longer be renewed: after RenewDeadline (10 s) the term ends, mid-run.
        _lease.Unreachable = true;
        await AdvanceUntilAsync(() => sweep.Cancelled.IsCompleted);

        Assert.False(manager.IsLeader);
        Assert.Equal(1, sweep.Runs);
        Assert.False(manager.Completion.IsCompleted);
    }

    [Fact]
    public async Task A_leader_runnable_runs_again_in_the_next_term()
    {
        var sweep = new TestRunnable("sweep", needsLeaderElection: true);
        var manager = NewManager(leaderElection: true);
        manager.Add(sweep);
        await manager.StartAsync(CancellationToken.None);
        await sweep.Started.WaitAsync(SafetyNet);
        _lease.Unreachable = true;
        await AdvanceUntilAsync(() => sweep.Cancelled.IsCompleted);
        sweep.Reset();

        _lease.Unreachable = false;
        await AdvanceUntilAsync(() => sweep.Started.IsCompleted);

        Assert.Equal(2, sweep.Runs);
        Assert.True(manager.IsLeader);
    }

    [Fact]
    public async Task A_runnable_not_needing_leadership_runs_on_a_follower_and_a_leader_runnable_does_not()
    {
        // Another replica holds the lease and keeps renewing it: this one never leads.
        _lease.Put(new LeaseRecord("other", 15, Start, Start, 0));
        var exporter = new TestRunnable("exporter", needsLeaderElection: false);
        var sweep = new TestRunnable("sweep", needsLeaderElection: true);
        var manager = NewManager(leaderElection: true);
        manager.Add(exporter);
        manager.Add(sweep);

        await manager.StartAsync(CancellationToken.None);
        await exporter.Started.WaitAsync(SafetyNet);
        for (var i = 0; i < 10; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(2));
            _lease.Put(new LeaseRecord("other", 15, Start, _time.GetUtcNow(), 0));
            await Task.Yield();
        }

        await manager.StopAsync(CancellationToken.None);

        Assert.True(exporter.Cancelled.IsCompleted);
        Assert.False(manager.IsLeader);
        Assert.Equal(0, sweep.Runs);
        Assert.Equal("other", _lease.Record!.HolderIdentity);
    }

    [Fact]
    public async Task Runnables_start_only_once_every_cache_has_synced()
    {
        var configMaps = _clients.Api<V1ConfigMap>();
        configMaps.ListFailure = new HttpRequestException("connection refused");
        var exporter = new TestRunnable("exporter", needsLeaderElection: false);
        var sweep = new TestRunnable("sweep", needsLeaderElection: true);
        var manager = NewManager(leaderElection: false);
        manager.GetInformer<V1ConfigMap>();
        manager.Add(exporter);
        manager.Add(sweep);

        await manager.StartAsync(CancellationToken.None);
        await AdvanceUntilAsync(() => configMaps.ListRequests.Count >= 2);
        Assert.Equal(0, exporter.Runs + sweep.Runs);

        configMaps.ListFailure = null;
        await AdvanceUntilAsync(() => exporter.Started.IsCompleted && sweep.Started.IsCompleted);

        Assert.True(manager.GetInformer<V1ConfigMap>().HasSynced);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_failing_runnable_stops_the_manager_with_its_error(bool needsLeaderElection)
    {
        var failure = new InvalidOperationException("sweep state corrupt");
        var broken = new TestRunnable("broken", needsLeaderElection, failure);
        var manager = NewManager(leaderElection: false);
        manager.Add(broken);

        var error = await Assert.ThrowsAsync<RunnableFailedException>(() => manager.RunAsync(CancellationToken.None).WaitAsync(SafetyNet));

        Assert.Equal("broken", error.Runnable);
        Assert.Same(failure, error.InnerException);
        Assert.True(manager.Completion.IsFaulted);
        Assert.False(manager.CheckLiveness().Healthy);
    }

    [Fact]
    public async Task Runnables_cannot_be_added_once_the_manager_started()
    {
        var manager = NewManager(leaderElection: false);
        await manager.StartAsync(CancellationToken.None);

        Assert.Throws<InvalidOperationException>(() => manager.Add(new TestRunnable("late", needsLeaderElection: false)));
    }

    public async ValueTask DisposeAsync()
    {
        if (_manager is not null)
        {
            _lease.Unreachable = false;
            await _manager.DisposeAsync();
        }
    }

    private Manager NewManager(bool leaderElection) =>
        _manager = new Manager(
            _clients.With(leaderElection ? _lease : null),
            new ManagerOptions
            {
                HealthServer = null,
                LeaderElection = new LeaderElectionOptions { Enabled = leaderElection, Identity = "me", LeaseName = "l", LeaseNamespace = "ns" },
            },
            timeProvider: _time);

    /// <summary>Advances the fake clock in small steps until the condition holds (a wall-clock safety net only).</summary>
    private async Task AdvanceUntilAsync(Func<bool> condition)
    {
        var wall = Stopwatch.StartNew();
        while (!condition() && wall.Elapsed < SafetyNet)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Run(() => SpinWait.SpinUntil(condition, TimeSpan.FromMilliseconds(20)));
        }

        Assert.True(condition(), "the condition never became true while time advanced");
    }
}

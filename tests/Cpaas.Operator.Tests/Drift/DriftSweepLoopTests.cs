using Cpaas.Client;
using Cpaas.Operator.Drift;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace Cpaas.Operator.Tests.Drift;

public sealed class DriftSweepLoopTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_leader_sweeps_every_account_at_start_and_every_interval_and_a_follower_never_does()
    {
        var time = new FakeTimeProvider(Start);
        var api = new FakeProjectList();
        var managed = new FakeManagedProjects();
        managed.AccountList.Add(new CpaasAccount("acct-1", "k1", "https://api.example.test/cpaas"));
        managed.AccountList.Add(new CpaasAccount("acct-2", "k2", "https://api.example.test/cpaas"));
        api.Add("app-1", Start);
        var leading = false;
        var checks = 0;
        bool IsLeader()
        {
            Interlocked.Increment(ref checks);
            return Volatile.Read(ref leading);
        }

        var options = new DriftSweepOptions { Interval = TimeSpan.FromMinutes(1) };
        var sweeper = new DriftSweeper(api, managed, managed, new KeyFingerprint(), new DriftMetrics(Metrics.NewCustomRegistry()), options, time, new ListLogger<DriftSweeper>());
        var loop = new DriftSweepLoop(sweeper, managed, options, IsLeader, time, new ListLogger<DriftSweepLoop>());
        using var stop = new CancellationTokenSource();

        var running = loop.RunAsync(stop.Token);
        await WaitUntilAsync(() => Volatile.Read(ref checks) >= 1);
        time.Advance(TimeSpan.FromMinutes(1));
        await WaitUntilAsync(() => Volatile.Read(ref checks) >= 2);
        var asFollower = api.Requests.Count;
        Volatile.Write(ref leading, true);
        time.Advance(TimeSpan.FromMinutes(1));
        await WaitUntilAsync(() => api.Requests.Count >= 2);
        time.Advance(TimeSpan.FromMinutes(1));
        await WaitUntilAsync(() => api.Requests.Count >= 4);
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, asFollower);
        Assert.Equal(4, api.Requests.Count); // two accounts, two ticks, one page each (the fleet is one project)
    }

    [Fact]
    public async Task One_accounts_failed_sweep_does_not_stop_the_others()
    {
        var time = new FakeTimeProvider(Start);
        var api = new FakeProjectList { FailRequest = 1 };
        api.Add("app-1", Start);
        var managed = new FakeManagedProjects();
        managed.AccountList.Add(new CpaasAccount("acct-1", "k1", "https://api.example.test/cpaas"));
        managed.AccountList.Add(new CpaasAccount("acct-2", "k2", "https://api.example.test/cpaas"));
        var options = new DriftSweepOptions();
        var sweeper = new DriftSweeper(api, managed, managed, new KeyFingerprint(), new DriftMetrics(Metrics.NewCustomRegistry()), options, time, new ListLogger<DriftSweeper>());
        var logger = new ListLogger<DriftSweepLoop>();
        var loop = new DriftSweepLoop(sweeper, managed, options, () => true, time, logger);

        await loop.SweepAllAsync(CancellationToken.None);

        Assert.Equal(2, api.Requests.Count);
        Assert.Single(logger.Lines);
        Assert.Null(sweeper.PreviousSweepAt(managed.AccountList[0]));
        Assert.Equal(Start, sweeper.PreviousSweepAt(managed.AccountList[1]));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(deadline) < TimeSpan.FromSeconds(30), "timed out waiting for the loop");
            await Task.Yield();
        }
    }
}

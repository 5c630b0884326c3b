using Cpaas.Client;
using Cpaas.Operator.Drift;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace Cpaas.Operator.Tests.Drift;

public sealed class DriftSweepLoopTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sweeps_every_account_at_start_and_every_interval()
    {
        var time = new FakeTimeProvider(Start);
        var api = new FakeProjectList();
        var managed = new FakeManagedProjects();
        managed.AccountList.Add(new CpaasAccount("acct-1", "k1", "https://api.example.test/cpaas"));
        managed.AccountList.Add(new CpaasAccount("acct-2", "k2", "https://api.example.test/cpaas"));
        api.Add("app-1", Start);
        var options = new DriftSweepOptions { Interval = TimeSpan.FromMinutes(1) };
        var sweeper = NewSweeper(api, managed, options, time);
        var loop = new DriftSweepLoop(sweeper, managed, options, time, new ListLogger<DriftSweepLoop>());
        using var stop = new CancellationTokenSource();

        var running = loop.RunAsync(stop.Token);
        await WaitUntilAsync(() => RequestCount(api) >= 2);
        time.Advance(TimeSpan.FromMinutes(1));
        await WaitUntilAsync(() => RequestCount(api) >= 4);
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(loop.NeedsLeaderElection);
        Assert.Equal(4, RequestCount(api)); // two accounts, two sweeps, one page each (the fleet is one project)
    }

    [Fact]
    public async Task Ends_in_the_middle_of_a_sweep_when_its_term_ends_and_keeps_the_last_complete_sweep()
    {
        var time = new FakeTimeProvider(Start);
        var api = new FakeProjectList { DefaultPageLength = 1 };
        api.Add("app-1", Start);
        api.Add("app-2", Start.AddMinutes(1));
        api.Add("app-3", Start.AddMinutes(2));
        var managed = new FakeManagedProjects();
        managed.AccountList.Add(new CpaasAccount("acct-1", "k1", "https://api.example.test/cpaas"));
        var options = new DriftSweepOptions();
        var sweeper = NewSweeper(api, managed, options, time);
        var logger = new ListLogger<DriftSweepLoop>();
        var loop = new DriftSweepLoop(sweeper, managed, options, time, logger);
        using var term = new CancellationTokenSource();
        api.BeforeRequest = request =>
        {
            if (request == 2)
            {
                term.Cancel(); // leadership lost while the sweep reads its second page
            }
        };

        await loop.RunAsync(term.Token).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, RequestCount(api));
        Assert.Null(sweeper.PreviousSweepAt(managed.AccountList[0]));
        Assert.Empty(logger.Lines);
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
        var sweeper = NewSweeper(api, managed, options, time);
        var logger = new ListLogger<DriftSweepLoop>();
        var loop = new DriftSweepLoop(sweeper, managed, options, time, logger);

        await loop.SweepAllAsync(CancellationToken.None);

        Assert.Equal(2, api.Requests.Count);
        Assert.Single(logger.Lines);
        Assert.Null(sweeper.PreviousSweepAt(managed.AccountList[0]));
        Assert.Equal(Start, sweeper.PreviousSweepAt(managed.AccountList[1]));
    }

    private static DriftSweeper NewSweeper(FakeProjectList api, FakeManagedProjects managed, DriftSweepOptions options, TimeProvider time)
    {
        var metrics = new DriftMetrics(Metrics.NewCustomRegistry());
        return new DriftSweeper(api, managed, managed, new KeyFingerprint(), new UpdatedAtTrust(metrics, time, TimeSpan.FromHours(1)), metrics, options, time, new ListLogger<DriftSweeper>());
    }

    private static int RequestCount(FakeProjectList api)
    {
        lock (api.Requests)
        {
            return api.Requests.Count;
        }
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

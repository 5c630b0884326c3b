using Controller.Runtime.LeaderElection;
using Microsoft.Extensions.Time.Testing;

namespace Controller.Runtime.Tests.LeaderElection;

public sealed class LeaderElectorTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2030-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryLeaseStore _store = new();

    [Fact]
    public async Task A_missing_lease_is_created_with_this_candidate_as_holder()
    {
        var elector = NewElector("a");

        Assert.True(await elector.TryAcquireOrRenewAsync(CancellationToken.None));

        Assert.Equal(new LeaseRecord("a", 15, Start, Start, 0), _store.Record);
        Assert.Equal("a", elector.ObservedLeader);
    }

    [Fact]
    public async Task A_lease_held_by_another_is_taken_only_after_LeaseDuration_on_our_own_clock()
    {
        // The holder's renewTime is far in the past by our clock (skew): only our own observation counts.
        _store.Put(new LeaseRecord("b", 15, Start.AddHours(-5), Start.AddHours(-5), 4));
        var elector = NewElector("a");

        Assert.False(await elector.TryAcquireOrRenewAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(14));
        Assert.False(await elector.TryAcquireOrRenewAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await elector.TryAcquireOrRenewAsync(CancellationToken.None));

        Assert.Equal("a", _store.Record!.HolderIdentity);
        Assert.Equal(5, _store.Record.LeaseTransitions);
        Assert.Equal(_time.GetUtcNow(), _store.Record.AcquireTime);
    }

    [Fact]
    public async Task A_holder_that_keeps_renewing_is_never_displaced()
    {
        _store.Put(new LeaseRecord("b", 15, Start, Start, 0));
        var elector = NewElector("a");
        await elector.TryAcquireOrRenewAsync(CancellationToken.None);

        for (var i = 0; i < 10; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            _store.Put(new LeaseRecord("b", 15, Start, _time.GetUtcNow(), 0));
            Assert.False(await elector.TryAcquireOrRenewAsync(CancellationToken.None));
        }
    }

    [Fact]
    public async Task Renewing_keeps_the_acquire_time_and_transitions()
    {
        var elector = NewElector("a");
        await elector.TryAcquireOrRenewAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.True(await elector.TryAcquireOrRenewAsync(CancellationToken.None));

        Assert.Equal(new LeaseRecord("a", 15, Start, Start.AddSeconds(2), 0), _store.Record);
    }

    [Fact]
    public async Task A_released_lease_is_taken_at_once()
    {
        _store.Put(new LeaseRecord(null, 1, Start, Start, 3));
        var elector = NewElector("a");

        Assert.True(await elector.TryAcquireOrRenewAsync(CancellationToken.None));
        Assert.Equal(4, _store.Record!.LeaseTransitions);
    }

    [Fact]
    public async Task A_leader_that_cannot_renew_within_the_deadline_loses_and_its_work_is_aborted()
    {
        var elector = NewElector("a");
        var aborted = new TaskCompletionSource();
        var leading = new TaskCompletionSource();
        var term = elector.RunOnceAsync(
            async (stopping, abort) =>
            {
                abort.Register(() => aborted.TrySetResult());
                leading.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            },
            CancellationToken.None);
        await leading.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(elector.IsLeader);

        _store.Unreachable = true;
        await AdvanceUntilAsync(() => term.IsCompleted, TimeSpan.FromMilliseconds(500), maxSteps: 100);

        Assert.True(await term);
        Assert.False(elector.IsLeader);
        Assert.True(aborted.Task.IsCompleted);
    }

    [Fact]
    public async Task Stopping_the_leader_ends_its_work_and_releases_the_lease()
    {
        var elector = NewElector("a");
        using var stop = new CancellationTokenSource();
        var leading = new TaskCompletionSource();
        var abortedOnStop = false;
        var term = elector.RunOnceAsync(
            async (stopping, abort) =>
            {
                leading.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
                abortedOnStop = abort.IsCancellationRequested;
            },
            stop.Token);
        await leading.Task.WaitAsync(TimeSpan.FromSeconds(5));

        await stop.CancelAsync();

        Assert.False(await term.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(abortedOnStop);
        Assert.Null(_store.Record!.HolderIdentity);
        Assert.Equal(1, _store.Record.LeaseDurationSeconds);
    }

    [Fact]
    public void Inconsistent_durations_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new LeaderElector(_store, new LeaderElectionOptions { Identity = "a", LeaseDuration = TimeSpan.FromSeconds(5), RenewDeadline = TimeSpan.FromSeconds(10) }));
    }

    private async Task AdvanceUntilAsync(Func<bool> condition, TimeSpan step, int maxSteps)
    {
        // maxSteps is the expected bound; on a loaded machine the elector's loop may lag behind the advancing clock
        // (its next timer armed after an advance), so keep stepping until a generous wall-clock safety net.
        var wall = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; !condition() && (i < maxSteps || wall.Elapsed < TimeSpan.FromSeconds(20)); i++)
        {
            _time.Advance(step);
            await Task.Run(() => SpinWait.SpinUntil(condition, TimeSpan.FromMilliseconds(20)));
        }

        Assert.True(condition(), "the condition never became true while time advanced");
    }

    private LeaderElector NewElector(string identity) =>
        new(_store, new LeaderElectionOptions { Identity = identity, LeaseName = "l", LeaseNamespace = "ns" }, _time, random: () => 0);
}

using Cpaas.Client.Http;
using Microsoft.Extensions.Time.Testing;

namespace Cpaas.Client.Tests.Http;

/// <summary>The priority rule of one account's bucket, on a fake clock: every grant time is exact, nothing sleeps.</summary>
public sealed class PriorityTokenBucketTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    [Fact]
    public async Task Waiting_high_priority_calls_are_served_before_waiting_low_ones_in_arrival_order()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var bucket = new PriorityTokenBucket(requestsPerSecond: 10, burst: 1, lowShare: 0.5, minimumShare: 0.1, queueLimit: 100, time);
        Assert.True(await bucket.AcquireAsync(CpaasPriority.High, CancellationToken.None));
        var log = new Grants(time);

        log.Track("low-1", bucket.AcquireAsync(CpaasPriority.Low, CancellationToken.None));
        log.Track("low-2", bucket.AcquireAsync(CpaasPriority.Low, CancellationToken.None));
        log.Track("high-1", bucket.AcquireAsync(CpaasPriority.High, CancellationToken.None));
        log.Track("high-2", bucket.AcquireAsync(CpaasPriority.High, CancellationToken.None));
        Advance(time, TimeSpan.FromSeconds(1), log);

        // One token per 100 ms; the second low call also waits for the low share (5 per second: 200 ms).
        Assert.Equal(["high-1 @100", "high-2 @200", "low-1 @300", "low-2 @500"], log.Order);
    }

    [Fact]
    public async Task A_high_priority_call_behind_a_thousand_waiting_low_priority_calls_gets_the_next_token()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        // Low calls may use the whole rate here, so they keep the bucket empty.
        using var bucket = new PriorityTokenBucket(requestsPerSecond: 10, burst: 1, lowShare: 1, minimumShare: 0.1, queueLimit: 10_000, time);
        var lows = Enumerable.Range(0, 1000).Select(_ => bucket.AcquireAsync(CpaasPriority.Low, CancellationToken.None)).ToList();
        var grantedAtOnce = lows.Count(t => t.IsCompleted);
        Advance(time, TimeSpan.FromSeconds(3));
        var log = new Grants(time);

        log.Track("spec-change", bucket.AcquireAsync(CpaasPriority.High, CancellationToken.None));
        Advance(time, TimeSpan.FromMilliseconds(100), log);

        Assert.Equal(1, grantedAtOnce);
        Assert.Equal(["spec-change @3100"], log.Order);
        Assert.Equal(1000 - lows.Count(t => t.IsCompleted), bucket.Queued(CpaasPriority.Low));
    }

    [Theory]
    [InlineData(0.5, 10, 5)]
    [InlineData(0.2, 10, 2)]
    [InlineData(1.0, 20, 20)]
    public async Task With_no_high_priority_call_waiting_low_priority_calls_get_exactly_their_share(double share, double rate, double expectedPerSecond)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var bucket = new PriorityTokenBucket(rate, burst: 1, share, minimumShare: Math.Min(0.1, share), queueLimit: 10_000, time);
        Assert.True(await bucket.AcquireAsync(CpaasPriority.Low, CancellationToken.None));
        var lows = Enumerable.Range(0, 1000).Select(_ => bucket.AcquireAsync(CpaasPriority.Low, CancellationToken.None)).ToList();

        Advance(time, TimeSpan.FromSeconds(10));

        var granted = lows.Count(t => t.IsCompletedSuccessfully && t.Result);
        Assert.InRange(granted, (expectedPerSecond * 10) - 1, (expectedPerSecond * 10) + 1);
    }

    [Fact]
    public async Task Under_a_continuous_stream_of_high_priority_calls_low_priority_calls_still_get_the_guaranteed_minimum()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var bucket = new PriorityTokenBucket(requestsPerSecond: 10, burst: 1, lowShare: 0.5, minimumShare: 0.1, queueLimit: 10_000, time);
        Assert.True(await bucket.AcquireAsync(CpaasPriority.High, CancellationToken.None));
        var lows = Enumerable.Range(0, 100).Select(_ => bucket.AcquireAsync(CpaasPriority.Low, CancellationToken.None)).ToList();
        var highs = Enumerable.Range(0, 1000).Select(_ => bucket.AcquireAsync(CpaasPriority.High, CancellationToken.None)).ToList();

        Advance(time, TimeSpan.FromSeconds(20));

        // 200 tokens in 20 s; the minimum is 10% of them, the high calls take the rest, and high calls still wait.
        var lowGranted = lows.Count(t => t.IsCompleted);
        var highGranted = highs.Count(t => t.IsCompleted);
        Assert.InRange(lowGranted, 19, 21);
        Assert.InRange(lowGranted + highGranted, 199, 201);
        Assert.True(bucket.Queued(CpaasPriority.High) > 0);
    }

    [Fact]
    public void Calls_never_exceed_the_rate_and_burst_whatever_their_priorities()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var bucket = new PriorityTokenBucket(requestsPerSecond: 10, burst: 4, lowShare: 0.5, minimumShare: 0.1, queueLimit: 10_000, time);
        var log = new Grants(time);
        for (var i = 0; i < 200; i++)
        {
            log.Track("c", bucket.AcquireAsync(i % 3 == 0 ? CpaasPriority.Low : CpaasPriority.High, CancellationToken.None));
        }

        Advance(time, TimeSpan.FromSeconds(10), log);

        var times = log.TimesMs;
        for (var first = 0; first < times.Count; first++)
        {
            for (var last = first; last < times.Count; last++)
            {
                var allowed = 4 + (int)Math.Floor((times[last] - times[first]) / 100.0 + 1e-6);
                Assert.True(last - first + 1 <= allowed, $"{last - first + 1} grants between {times[first]} ms and {times[last]} ms");
            }
        }

        Assert.InRange(times.Count, 103, 105);
    }

    [Fact]
    public async Task A_full_queue_refuses_a_call_that_would_have_to_wait_but_not_one_it_can_serve_at_once()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var bucket = new PriorityTokenBucket(requestsPerSecond: 1, burst: 1, lowShare: 0.5, minimumShare: 0.1, queueLimit: 1, time);
        Assert.True(await bucket.AcquireAsync(CpaasPriority.High, CancellationToken.None));
        var waiting = bucket.AcquireAsync(CpaasPriority.High, CancellationToken.None);

        Assert.False(await bucket.AcquireAsync(CpaasPriority.Low, CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await waiting);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await bucket.AcquireAsync(CpaasPriority.High, CancellationToken.None));
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_and_the_next_one_gets_its_token()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var bucket = new PriorityTokenBucket(requestsPerSecond: 1, burst: 1, lowShare: 0.5, minimumShare: 0.1, queueLimit: 10, time);
        Assert.True(await bucket.AcquireAsync(CpaasPriority.High, CancellationToken.None));
        using var cancellation = new CancellationTokenSource();
        var cancelled = bucket.AcquireAsync(CpaasPriority.High, cancellation.Token);
        var next = bucket.AcquireAsync(CpaasPriority.High, CancellationToken.None);

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1, bucket.QueuedTotal);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await next);
    }

    private static void Advance(FakeTimeProvider time, TimeSpan total, Grants? grants = null)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < total; elapsed += Step)
        {
            time.Advance(Step);
            grants?.Collect();
        }
    }

    /// <summary>
    /// When (fake milliseconds since the epoch) each tracked call was granted. The bucket completes calls inside
    /// <see cref="FakeTimeProvider.Advance"/>, so checking after each step of <see cref="Step"/> gives their times.
    /// </summary>
    private sealed class Grants(FakeTimeProvider time)
    {
        private readonly List<(string Name, Task<bool> Call)> _pending = [];
        private readonly List<(string Name, long Ms)> _granted = [];

        public IReadOnlyList<string> Order => [.. _granted.Select(g => $"{g.Name} @{g.Ms}")];

        public IReadOnlyList<long> TimesMs => [.. _granted.Select(g => g.Ms)];

        public void Track(string name, Task<bool> call)
        {
            _pending.Add((name, call));
            Collect();
        }

        public void Collect()
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var done in _pending.Where(p => p.Call.IsCompleted).ToList())
            {
                _pending.Remove(done);
                if (done.Call.IsCompletedSuccessfully && done.Call.Result)
                {
                    _granted.Add((done.Name, now));
                }
            }
        }
    }
}

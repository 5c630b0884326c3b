using Controller.Runtime.Metrics;
using Controller.Runtime.Queue;
using Microsoft.Extensions.Time.Testing;

namespace Controller.Runtime.Tests.Queue;

public sealed class PriorityWorkQueueTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2030-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task High_keys_are_handed_out_before_low_keys_and_each_priority_is_first_in_first_out()
    {
        using var queue = NewQueue(share: 0.5);
        queue.Add("low-1", WorkPriority.Low);
        queue.Add("low-2", WorkPriority.Low);
        queue.Add("high-1");
        queue.Add("high-2", WorkPriority.High);

        Assert.Equal(2, queue.CountOf(WorkPriority.High));
        Assert.Equal(2, queue.CountOf(WorkPriority.Low));
        Assert.Equal(["high-1", "low-1", "high-2", "low-2"], await TakeAsync(queue, 4));
    }

    [Fact]
    public async Task With_only_low_keys_waiting_they_are_all_handed_out_in_order()
    {
        using var queue = NewQueue();
        queue.Add("a", WorkPriority.Low);
        queue.Add("b", WorkPriority.Low);
        queue.Add("c", WorkPriority.Low);

        Assert.Equal(["a", "b", "c"], await TakeAsync(queue, 3));
    }

    [Fact]
    public async Task A_low_key_added_again_at_high_priority_moves_up_and_is_queued_once()
    {
        using var queue = NewQueue();
        queue.Add("low-1", WorkPriority.Low);
        queue.Add("moved", WorkPriority.Low);
        queue.Add("high-1");

        queue.Add("moved");

        Assert.Equal(3, queue.Count);
        Assert.Equal(2, queue.CountOf(WorkPriority.High));
        var items = new List<QueueItem<string>>();
        for (var i = 0; i < 3; i++)
        {
            items.Add(await queue.GetAsync(CancellationToken.None));
        }

        Assert.Equal(["high-1", "moved", "low-1"], items.Select(i => i.Key));
        Assert.Equal([WorkPriority.High, WorkPriority.High, WorkPriority.Low], items.Select(i => i.Priority));
    }

    [Fact]
    public async Task A_high_key_added_again_at_low_priority_stays_high()
    {
        using var queue = NewQueue();
        queue.Add("low-1", WorkPriority.Low);
        queue.Add("a");
        queue.Add("a", WorkPriority.Low);

        var first = await queue.GetAsync(CancellationToken.None);

        Assert.Equal(("a", WorkPriority.High), (first.Key, first.Priority));
        Assert.Equal(0, queue.CountOf(WorkPriority.High));
    }

    [Fact]
    public async Task A_key_taken_at_low_priority_and_added_high_meanwhile_is_requeued_high_on_Done()
    {
        using var queue = NewQueue();
        queue.Add("a", WorkPriority.Low);
        var taken = await queue.GetAsync(CancellationToken.None);
        queue.Add("waiting", WorkPriority.Low);

        queue.Add("a");
        Assert.Equal(0, queue.CountOf(WorkPriority.High));
        queue.Done(taken.Key);

        var next = await queue.GetAsync(CancellationToken.None);
        Assert.Equal(("a", WorkPriority.High), (next.Key, next.Priority));
    }

    [Theory]
    [InlineData(0.1, 9)]
    [InlineData(0.25, 3)]
    [InlineData(0.5, 1)]
    [InlineData(1.0, 0)]
    public async Task Under_a_storm_of_high_adds_every_low_key_is_handed_out_within_its_guaranteed_share(double share, int highInARow)
    {
        // Every hand-out is followed by two new high adds: the high queue only grows, as under a burst of changes
        // bigger than the workers can absorb. Low keys must still be handed out, one every (highInARow + 1) hand-outs.
        using var queue = NewQueue(share: share);
        var lows = Enumerable.Range(0, 20).Select(i => $"resync-{i}").ToList();
        foreach (var low in lows)
        {
            queue.Add(low, WorkPriority.Low);
        }

        var storm = 0;
        queue.Add($"change-{storm++}");
        var handedOut = new List<string>();
        while (lows.Any(l => !handedOut.Contains(l)))
        {
            var item = await queue.GetAsync(CancellationToken.None);
            handedOut.Add(item.Key);
            queue.Done(item.Key);
            queue.Add($"change-{storm++}");
            queue.Add($"change-{storm++}");
            Assert.True(handedOut.Count <= lows.Count * (highInARow + 1), "a low key waited longer than its share allows");
        }

        for (var i = 0; i < lows.Count; i++)
        {
            Assert.Equal(((i + 1) * (highInARow + 1)) - 1, handedOut.IndexOf(lows[i]));
        }

        Assert.True(queue.CountOf(WorkPriority.High) > 0, "the storm was still going");
    }

    [Fact]
    public async Task The_share_counts_only_while_low_keys_wait()
    {
        using var queue = NewQueue(share: 0.5);
        queue.Add("h1");
        queue.Add("h2");
        queue.Add("h3");
        Assert.Equal(["h1", "h2"], await TakeAsync(queue, 2));

        // Two high hand-outs happened with nothing low waiting: the low key gets no earlier turn for them.
        queue.Add("low", WorkPriority.Low);
        queue.Add("h4");
        Assert.Equal(["h3", "low", "h4"], await TakeAsync(queue, 3));
    }

    [Fact]
    public void A_delayed_low_add_becomes_a_queued_low_key_when_due()
    {
        using var queue = NewQueue();
        queue.AddAfter("a", TimeSpan.FromMinutes(10), WorkPriority.Low);

        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(1, queue.CountOf(WorkPriority.Low));
    }

    [Fact]
    public void Of_two_delayed_adds_the_earlier_wins_with_its_priority()
    {
        using var queue = NewQueue();
        queue.AddAfter("resync-first", TimeSpan.FromMinutes(10), WorkPriority.Low);
        queue.AddAfter("resync-first", TimeSpan.FromMinutes(20), WorkPriority.High);
        queue.AddAfter("retry-first", TimeSpan.FromMinutes(10), WorkPriority.Low);
        queue.AddAfter("retry-first", TimeSpan.FromMinutes(5), WorkPriority.High);
        queue.AddAfter("same-time", TimeSpan.FromMinutes(10), WorkPriority.Low);
        queue.AddAfter("same-time", TimeSpan.FromMinutes(10), WorkPriority.High);

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, queue.CountOf(WorkPriority.High));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(2, queue.CountOf(WorkPriority.High));
        Assert.Equal(1, queue.CountOf(WorkPriority.Low));
        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(3, queue.Count);
        Assert.Equal(0, queue.DelayedCount);
    }

    [Fact]
    public void A_delayed_key_does_not_come_back_when_due_while_it_is_already_queued()
    {
        using var queue = NewQueue();
        queue.Add("a", WorkPriority.Low);
        queue.AddAfter("a", TimeSpan.FromSeconds(1), WorkPriority.Low);

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task Rate_limited_adds_keep_the_priority_given()
    {
        using var queue = NewQueue();
        queue.AddRateLimited("a", WorkPriority.Low);

        _time.Advance(TimeSpan.FromSeconds(1));

        var item = await queue.GetAsync(CancellationToken.None);
        Assert.Equal(WorkPriority.Low, item.Priority);
    }

    [Fact]
    public async Task A_waiting_getter_receives_a_low_key_with_its_priority()
    {
        using var queue = NewQueue();
        var pending = queue.GetAsync(CancellationToken.None);

        queue.Add("a", WorkPriority.Low);

        var item = await pending.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(("a", WorkPriority.Low), (item.Key, item.Priority));
    }

    [Fact]
    public async Task Depth_is_published_per_priority_as_controller_runtime_labels_it()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        using var queue = NewQueue(metrics: new WorkQueueMetrics(registry));
        queue.Add("a", WorkPriority.Low);
        queue.Add("b", WorkPriority.Low);
        queue.Add("c");

        var text = await WorkQueueTests.Export(registry);
        Assert.Contains("workqueue_depth{name=\"test\",priority=\"0\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("workqueue_depth{name=\"test\",priority=\"-100\"} 2", text, StringComparison.Ordinal);

        queue.Add("b");
        text = await WorkQueueTests.Export(registry);
        Assert.Contains("workqueue_depth{name=\"test\",priority=\"0\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("workqueue_depth{name=\"test\",priority=\"-100\"} 1", text, StringComparison.Ordinal);

        await TakeAsync(queue, 3);
        text = await WorkQueueTests.Export(registry);
        Assert.Contains("workqueue_depth{name=\"test\",priority=\"0\"} 0", text, StringComparison.Ordinal);
        Assert.Contains("workqueue_depth{name=\"test\",priority=\"-100\"} 0", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_share_outside_zero_to_one_is_refused(double share) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NewQueue(share: share));

    private static async Task<List<string>> TakeAsync(WorkQueue<string> queue, int count)
    {
        var keys = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var item = await queue.GetAsync(CancellationToken.None);
            keys.Add(item.Key);
            queue.Done(item.Key);
        }

        return keys;
    }

    private WorkQueue<string> NewQueue(double share = 0.1, WorkQueueMetrics? metrics = null) =>
        new(new WorkQueueOptions<string>
        {
            Name = "test",
            TimeProvider = _time,
            RateLimiter = new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)),
            LowPriorityShare = share,
            Metrics = metrics,
        });
}

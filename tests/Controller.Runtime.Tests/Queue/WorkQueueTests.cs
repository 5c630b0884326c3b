using Controller.Runtime.Metrics;
using Controller.Runtime.Queue;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace Controller.Runtime.Tests.Queue;

public sealed class WorkQueueTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2030-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task A_key_added_twice_before_it_is_taken_is_handed_out_once()
    {
        using var queue = NewQueue();
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");

        Assert.Equal(2, queue.Count);
        Assert.Equal("a", (await queue.GetAsync(CancellationToken.None)).Key);
        Assert.Equal("b", (await queue.GetAsync(CancellationToken.None)).Key);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_key_added_while_processing_is_not_handed_to_a_second_worker_until_Done()
    {
        using var queue = NewQueue();
        queue.Add("a");
        var first = await queue.GetAsync(CancellationToken.None);

        queue.Add("a");
        var second = queue.GetAsync(CancellationToken.None);

        Assert.False(second.IsCompleted);
        Assert.Equal(0, queue.Count);
        queue.Done(first.Key);
        var item = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("a", item.Key);
        Assert.Equal(1, queue.ProcessingCount);
    }

    [Fact]
    public async Task Done_without_a_re_add_does_not_requeue()
    {
        using var queue = NewQueue();
        queue.Add("a");
        var item = await queue.GetAsync(CancellationToken.None);
        queue.Done(item.Key);

        Assert.Equal(0, queue.Count);
        Assert.Equal(0, queue.ProcessingCount);
    }

    [Fact]
    public async Task A_waiting_getter_receives_a_key_added_later()
    {
        using var queue = NewQueue();
        var pending = queue.GetAsync(CancellationToken.None);
        Assert.False(pending.IsCompleted);

        queue.Add("a");

        Assert.Equal("a", (await pending.WaitAsync(TimeSpan.FromSeconds(5))).Key);
    }

    [Fact]
    public async Task Rate_limited_adds_back_off_exponentially_per_key_and_Forget_resets()
    {
        var limiter = new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1));
        using var queue = NewQueue(limiter);

        queue.AddRateLimited("a");
        Assert.Equal(1, queue.DelayedCount);
        _time.Advance(TimeSpan.FromMilliseconds(9));
        Assert.Equal(0, queue.Count);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, queue.Count);
        var item = await queue.GetAsync(CancellationToken.None);
        queue.Done(item.Key);

        queue.AddRateLimited("a");
        _time.Advance(TimeSpan.FromMilliseconds(19));
        Assert.Equal(0, queue.Count);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, queue.Count);
        Assert.Equal(2, queue.NumRequeues("a"));

        queue.Forget("a");
        Assert.Equal(0, queue.NumRequeues("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(10), limiter.When("a"));
    }

    [Fact]
    public async Task Delayed_adds_are_released_in_due_order_as_time_advances()
    {
        using var queue = NewQueue();
        queue.AddAfter("late", TimeSpan.FromSeconds(30));
        queue.AddAfter("early", TimeSpan.FromSeconds(10));
        queue.AddAfter("middle", TimeSpan.FromSeconds(20));

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, queue.Count);
        Assert.Equal("early", (await queue.GetAsync(CancellationToken.None)).Key);

        _time.Advance(TimeSpan.FromSeconds(25));
        Assert.Equal("middle", (await queue.GetAsync(CancellationToken.None)).Key);
        Assert.Equal("late", (await queue.GetAsync(CancellationToken.None)).Key);
        Assert.Equal(0, queue.DelayedCount);
    }

    [Fact]
    public void A_delayed_key_moved_earlier_fires_at_the_earlier_time_and_only_once()
    {
        using var queue = NewQueue();
        queue.AddAfter("a", TimeSpan.FromSeconds(30));
        queue.AddAfter("a", TimeSpan.FromSeconds(5));
        queue.AddAfter("a", TimeSpan.FromSeconds(60));

        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, queue.Count);
        Assert.Equal(0, queue.DelayedCount);

        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void A_delayed_key_already_in_the_queue_is_not_queued_twice()
    {
        using var queue = NewQueue();
        queue.Add("a");
        queue.AddAfter("a", TimeSpan.FromSeconds(1));

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task ShutDown_releases_waiting_getters_and_drops_pending_work()
    {
        using var queue = NewQueue();
        var waiting = queue.GetAsync(CancellationToken.None);
        queue.AddAfter("delayed", TimeSpan.FromSeconds(1));

        queue.ShutDown();
        queue.Add("ignored");
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.True((await waiting.WaitAsync(TimeSpan.FromSeconds(5))).Shutdown);
        Assert.True((await queue.GetAsync(CancellationToken.None)).Shutdown);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task ShutDownWithDrain_waits_until_in_flight_keys_are_done()
    {
        using var queue = NewQueue();
        queue.Add("a");
        queue.Add("b");
        var a = await queue.GetAsync(CancellationToken.None);

        var drain = queue.ShutDownWithDrainAsync(CancellationToken.None);

        Assert.False(drain.IsCompleted);
        Assert.True((await queue.GetAsync(CancellationToken.None)).Shutdown);
        queue.Done(a.Key);
        await drain.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_cancelled_getter_does_not_swallow_a_later_key()
    {
        using var queue = NewQueue();
        using var cts = new CancellationTokenSource();
        var cancelled = queue.GetAsync(cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        queue.Add("a");

        Assert.Equal(1, queue.Count);
        Assert.Equal("a", (await queue.GetAsync(CancellationToken.None)).Key);
    }

    [Fact]
    public async Task Metrics_count_adds_retries_depth_and_in_flight_work()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        using var queue = NewQueue(metrics: new WorkQueueMetrics(registry));
        queue.Add("a");
        queue.Add("b");
        queue.AddRateLimited("c");
        var taken = await queue.GetAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(3));

        var text = await Export(registry);

        // a, b, and c when its delay elapsed (a delayed key is added when it becomes ready, as in client-go).

        Assert.Contains("workqueue_adds_total{name=\"test\"} 3", text, StringComparison.Ordinal);
        Assert.Contains("workqueue_retries_total{name=\"test\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("workqueue_depth{name=\"test\",priority=\"0\"} 2", text, StringComparison.Ordinal); // b, and c released by the advance
        Assert.Contains("workqueue_longest_running_processor_seconds{name=\"test\"} 3", text, StringComparison.Ordinal);
        Assert.Contains("workqueue_unfinished_work_seconds{name=\"test\"} 3", text, StringComparison.Ordinal);
        queue.Done(taken.Key);
        Assert.Contains("workqueue_work_duration_seconds_count{name=\"test\"} 1", await Export(registry), StringComparison.Ordinal);
        Assert.Contains("workqueue_queue_duration_seconds_count{name=\"test\"} 1", await Export(registry), StringComparison.Ordinal);
    }

    internal static async Task<string> Export(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private WorkQueue<string> NewQueue(IRateLimiter<string>? limiter = null, WorkQueueMetrics? metrics = null) =>
        new(new WorkQueueOptions<string>
        {
            Name = "test",
            TimeProvider = _time,
            RateLimiter = limiter ?? new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(10)),
            Metrics = metrics,
        });
}

using Controller.Runtime.Queue;
using Microsoft.Extensions.Time.Testing;

namespace Controller.Runtime.Tests.Queue;

public sealed class RateLimiterTests
{
    [Fact]
    public void Exponential_limiter_doubles_per_failure_up_to_the_cap_and_counts_per_key()
    {
        var limiter = new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(40));

        var delays = Enumerable.Range(0, 6).Select(_ => limiter.When("a").TotalMilliseconds).ToArray();

        Assert.Equal([5, 10, 20, 40, 40, 40], delays);
        Assert.Equal(6, limiter.NumRequeues("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("b"));
    }

    [Fact]
    public void Exponential_limiter_does_not_overflow_after_many_failures()
    {
        var limiter = new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));

        for (var i = 0; i < 200; i++)
        {
            limiter.When("a");
        }

        Assert.Equal(TimeSpan.FromSeconds(1000), limiter.When("a"));
    }

    [Fact]
    public void Bucket_limiter_allows_a_burst_then_spaces_retries_at_its_rate()
    {
        var time = new FakeTimeProvider();
        var limiter = new BucketRateLimiter<string>(perSecond: 10, burst: 3, time);

        Assert.Equal(TimeSpan.Zero, limiter.When("a"));
        Assert.Equal(TimeSpan.Zero, limiter.When("b"));
        Assert.Equal(TimeSpan.Zero, limiter.When("c"));
        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.When("d"));
        Assert.Equal(TimeSpan.FromMilliseconds(200), limiter.When("e"));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, limiter.When("f"));
    }

    [Fact]
    public void Default_limiter_takes_the_longer_of_per_key_backoff_and_the_overall_bucket()
    {
        var time = new FakeTimeProvider();
        var limiter = RateLimiters.Default<string>(time, TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000), perSecond: 1, burst: 1);

        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.When("b"));
        limiter.Forget("a");
        Assert.Equal(0, limiter.NumRequeues("a"));
        Assert.Equal(1, limiter.NumRequeues("b"));
    }
}

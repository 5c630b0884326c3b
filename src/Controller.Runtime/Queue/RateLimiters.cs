namespace Controller.Runtime.Queue;

/// <summary>Ready-made limiters.</summary>
public static class RateLimiters
{
    /// <summary>
    /// controller-runtime's default: per-item exponential backoff (5 ms doubling to 1000 s) and an overall bucket of
    /// 10 retries per second with a burst of 100, whichever waits longer.
    /// </summary>
    public static IRateLimiter<TKey> Default<TKey>(
        TimeProvider? timeProvider = null,
        TimeSpan? baseDelay = null,
        TimeSpan? maxDelay = null,
        double perSecond = 10,
        int burst = 100)
        where TKey : notnull =>
        new MaxOfRateLimiter<TKey>(
            new ItemExponentialFailureRateLimiter<TKey>(baseDelay ?? TimeSpan.FromMilliseconds(5), maxDelay ?? TimeSpan.FromSeconds(1000)),
            new BucketRateLimiter<TKey>(perSecond, burst, timeProvider));
}

namespace Controller.Runtime.Queue;

/// <summary>
/// An overall token bucket across all items (client-go's BucketRateLimiter): bursts up to <c>burst</c> retries
/// at once, then <c>perSecond</c>. Each call reserves a token; the delay is how long until that token exists.
/// </summary>
public sealed class BucketRateLimiter<TKey> : IRateLimiter<TKey>
    where TKey : notnull
{
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly double perSecond;
    private readonly double burst;
    private double tokens;
    private long lastRefill;

    public BucketRateLimiter(double perSecond, int burst, TimeProvider? timeProvider = null)
    {
        if (perSecond <= 0 || burst < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(perSecond), "Need a positive rate and a burst of at least 1.");
        }

        time = timeProvider ?? TimeProvider.System;
        this.perSecond = perSecond;
        this.burst = burst;
        tokens = burst;
        lastRefill = time.GetTimestamp();
    }

    public TimeSpan When(TKey item)
    {
        lock (gate)
        {
            var now = time.GetTimestamp();
            tokens = Math.Min(burst, tokens + (time.GetElapsedTime(lastRefill, now).TotalSeconds * perSecond));
            lastRefill = now;
            tokens -= 1;
            return tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / perSecond);
        }
    }

    public void Forget(TKey item)
    {
    }

    public int NumRequeues(TKey item) => 0;
}

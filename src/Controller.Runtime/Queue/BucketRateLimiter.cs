namespace Controller.Runtime.Queue;

/// <summary>
/// An overall token bucket across all items (client-go's BucketRateLimiter): bursts up to <c>burst</c> retries
/// at once, then <c>perSecond</c>. Each call reserves a token; the delay is how long until that token exists.
/// </summary>
public sealed class BucketRateLimiter<TKey> : IRateLimiter<TKey>
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly double _perSecond;
    private readonly double _burst;
    private double _tokens;
    private long _lastRefill;

    public BucketRateLimiter(double perSecond, int burst, TimeProvider? timeProvider = null)
    {
        if (perSecond <= 0 || burst < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(perSecond), "Need a positive rate and a burst of at least 1.");
        }

        _time = timeProvider ?? TimeProvider.System;
        _perSecond = perSecond;
        _burst = burst;
        _tokens = burst;
        _lastRefill = _time.GetTimestamp();
    }

    public TimeSpan When(TKey item)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_lastRefill, now).TotalSeconds * _perSecond));
            _lastRefill = now;
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _perSecond);
        }
    }

    public void Forget(TKey item)
    {
    }

    public int NumRequeues(TKey item) => 0;
}

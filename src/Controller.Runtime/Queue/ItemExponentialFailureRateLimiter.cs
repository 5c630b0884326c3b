namespace Controller.Runtime.Queue;

/// <summary>Per-item exponential backoff: baseDelay * 2^failures, capped at maxDelay.</summary>
public sealed class ItemExponentialFailureRateLimiter<TKey> : IRateLimiter<TKey>
    where TKey : notnull
{
    private readonly Lock gate = new();
    private readonly Dictionary<TKey, int> failures = [];
    private readonly TimeSpan baseDelay;
    private readonly TimeSpan maxDelay;

    public ItemExponentialFailureRateLimiter(TimeSpan baseDelay, TimeSpan maxDelay)
    {
        if (baseDelay <= TimeSpan.Zero || maxDelay < baseDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(baseDelay), "Need 0 < baseDelay <= maxDelay.");
        }

        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
    }

    public TimeSpan When(TKey item)
    {
        int exponent;
        lock (gate)
        {
            exponent = failures.GetValueOrDefault(item);
            failures[item] = exponent + 1;
        }

        // Computed in double to avoid overflow; 2^exponent beyond the cap is simply the cap.
        var ticks = baseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    public void Forget(TKey item)
    {
        lock (gate)
        {
            failures.Remove(item);
        }
    }

    public int NumRequeues(TKey item)
    {
        lock (gate)
        {
            return failures.GetValueOrDefault(item);
        }
    }
}

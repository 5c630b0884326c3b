namespace Controller.Runtime.Queue;

/// <summary>Decides how long an item waits before its next retry (client-go's workqueue.RateLimiter).</summary>
public interface IRateLimiter<in TKey>
    where TKey : notnull
{
    /// <summary>The delay before the item's next try; each call counts as one more failure.</summary>
    TimeSpan When(TKey item);

    /// <summary>The item succeeded: forget its failures.</summary>
    void Forget(TKey item);

    /// <summary>How many times the item has been retried since it was last forgotten.</summary>
    int NumRequeues(TKey item);
}

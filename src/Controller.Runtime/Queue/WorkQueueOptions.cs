using Controller.Runtime.Metrics;

namespace Controller.Runtime.Queue;

/// <summary>Settings of a <see cref="WorkQueue{TKey}"/>.</summary>
public sealed record WorkQueueOptions<TKey>
    where TKey : notnull
{
    /// <summary>The metrics label <c>name</c>.</summary>
    public string Name { get; init; } = "default";

    /// <summary>Decides the delay of <see cref="WorkQueue{TKey}.AddRateLimited"/>; default: <see cref="RateLimiters.Default{TKey}"/>.</summary>
    public IRateLimiter<TKey>? RateLimiter { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where to publish the workqueue_* metrics; null publishes none.</summary>
    public WorkQueueMetrics? Metrics { get; init; }
}

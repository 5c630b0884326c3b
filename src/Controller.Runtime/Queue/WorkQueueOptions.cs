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

    /// <summary>
    /// The least share of hand-outs that go to <see cref="WorkPriority.Low"/> keys while keys of both priorities
    /// wait, in (0, 1]. High keys go first otherwise; with 0.1, at least one in every 10 hand-outs takes the oldest
    /// low key, so a storm of high adds delays low work but never starves it (a low key at position p of its queue
    /// is handed out within p x 10 hand-outs).
    /// </summary>
    public double LowPriorityShare { get; init; } = 0.1;

    /// <summary>How many high keys in a row may be handed out while a low key waits.</summary>
    internal int HighInARowWhileLowWaits()
    {
        if (double.IsNaN(LowPriorityShare) || LowPriorityShare <= 0 || LowPriorityShare > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(LowPriorityShare), LowPriorityShare, "The low-priority share must be in (0, 1].");
        }

        // Rounded to absorb binary fractions (1 / 0.1 = 9.999...); the share is a floor, not an exact ratio.
        return (int)Math.Ceiling(Math.Round(1 / LowPriorityShare, 6)) - 1;
    }
}

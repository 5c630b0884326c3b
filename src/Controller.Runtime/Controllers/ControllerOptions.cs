namespace Controller.Runtime.Controllers;

/// <summary>Settings of one controller.</summary>
public sealed record ControllerOptions
{
    /// <summary>Workers, i.e. reconciles that may run at once (on different keys).</summary>
    public int MaxConcurrentReconciles { get; init; } = 1;

    /// <summary>First per-key retry delay after an error; doubles on each failure.</summary>
    public TimeSpan BackoffBase { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Cap of the per-key retry delay.</summary>
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(1000);

    /// <summary>Overall retry rate across keys (token bucket refill per second).</summary>
    public double RetriesPerSecond { get; init; } = 10;

    /// <summary>Overall retry burst across keys.</summary>
    public int RetryBurst { get; init; } = 100;

    /// <summary>On shutdown, in-flight reconciles get this long to finish before their token is cancelled.</summary>
    public TimeSpan GracefulShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Least share of the work-queue hand-outs kept for low-priority keys (periodic resyncs, the initial list) while
    /// high-priority keys (changes) also wait; see <see cref="Queue.WorkQueueOptions{TKey}.LowPriorityShare"/>.
    /// </summary>
    public double LowPriorityShare { get; init; } = 0.1;

    internal void Validate()
    {
        if (double.IsNaN(LowPriorityShare) || LowPriorityShare <= 0 || LowPriorityShare > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(LowPriorityShare), LowPriorityShare, "The low-priority share must be in (0, 1].");
        }

        if (MaxConcurrentReconciles < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentReconciles), MaxConcurrentReconciles, "At least one worker is needed.");
        }

        if (BackoffBase <= TimeSpan.Zero || BackoffMax < BackoffBase)
        {
            throw new ArgumentOutOfRangeException(nameof(BackoffBase), "Need 0 < BackoffBase <= BackoffMax.");
        }
    }
}

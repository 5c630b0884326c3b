namespace Controller.Runtime.Queue;

/// <summary>What <see cref="WorkQueue{TKey}.GetAsync"/> hands out: a key to process, or the news that the queue shut down.</summary>
public readonly record struct QueueItem<TKey>(TKey Key, bool Shutdown)
    where TKey : notnull
{
    /// <summary>The priority the key was queued with (the highest of its adds since it was last handed out).</summary>
    public WorkPriority Priority { get; init; }
}

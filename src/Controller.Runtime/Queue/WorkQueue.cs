using Controller.Runtime.Metrics;

namespace Controller.Runtime.Queue;

/// <summary>
/// client-go's rate-limited, delaying work queue, in C#:
/// <list type="bullet">
/// <item>de-duplicated: a key added several times before it is taken is processed once;</item>
/// <item>serialised per key: a key is never handed to two workers at once; a key added while it is being
/// processed is queued again when <see cref="Done"/> is called;</item>
/// <item>delayed adds (<see cref="AddAfter"/>) driven by a <see cref="TimeProvider"/> timer, the earliest wins;</item>
/// <item>per-key backoff through an <see cref="IRateLimiter{TKey}"/> (<see cref="AddRateLimited"/>, <see cref="Forget"/>);</item>
/// <item>shutdown that stops handing out work and lets callers wait for in-flight keys (<see cref="ShutDownWithDrainAsync"/>).</item>
/// </list>
/// </summary>
public sealed class WorkQueue<TKey> : IDisposable, WorkQueueMetrics.IInFlightSource
    where TKey : notnull
{
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly IRateLimiter<TKey> rateLimiter;
    private readonly WorkQueueMetrics.QueueMetrics? metrics;
    private readonly Queue<TKey> queue = new();
    private readonly HashSet<TKey> dirty = [];
    private readonly Dictionary<TKey, long> enqueuedAt = [];
    private readonly Dictionary<TKey, long> processingSince = [];
    private readonly PriorityQueue<TKey, DateTimeOffset> waiting = new();
    private readonly Dictionary<TKey, DateTimeOffset> readyAt = [];
    private readonly LinkedList<TaskCompletionSource<QueueItem<TKey>>> getters = new();
    private readonly TaskCompletionSource drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ITimer timer;
    private bool shuttingDown;
    private bool disposed;

    public WorkQueue(WorkQueueOptions<TKey>? options = null)
    {
        options ??= new WorkQueueOptions<TKey>();
        Name = options.Name;
        time = options.TimeProvider;
        rateLimiter = options.RateLimiter ?? RateLimiters.Default<TKey>(time);
        metrics = options.Metrics?.For(Name);
        metrics?.Owner.Register(this);
        timer = time.CreateTimer(_ => PromoteReadyItems(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public string Name { get; }

    /// <summary>Keys waiting to be taken (not counting delayed ones or those being processed).</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return queue.Count;
            }
        }
    }

    /// <summary>Keys waiting for their <see cref="AddAfter"/> delay.</summary>
    public int DelayedCount
    {
        get
        {
            lock (gate)
            {
                return readyAt.Count;
            }
        }
    }

    /// <summary>Keys handed out and not yet <see cref="Done"/>.</summary>
    public int ProcessingCount
    {
        get
        {
            lock (gate)
            {
                return processingSince.Count;
            }
        }
    }

    public bool IsShuttingDown
    {
        get
        {
            lock (gate)
            {
                return shuttingDown;
            }
        }
    }

    /// <summary>Queues a key now (no-op when it is already queued, or after shutdown).</summary>
    public void Add(TKey key)
    {
        lock (gate)
        {
            AddLocked(key);
        }
    }

    /// <summary>Queues a key after a delay; when the key is already waiting, the earlier time wins.</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        lock (gate)
        {
            if (shuttingDown)
            {
                return;
            }

            var due = time.GetUtcNow() + delay;
            if (readyAt.TryGetValue(key, out var existing) && existing <= due)
            {
                return;
            }

            readyAt[key] = due;
            waiting.Enqueue(key, due);
            ArmTimerLocked();
        }
    }

    /// <summary>Queues a key after the rate limiter's delay for it (one more failure); counts a retry.</summary>
    public void AddRateLimited(TKey key)
    {
        var delay = rateLimiter.When(key);
        metrics?.Retries.Inc();
        AddAfter(key, delay);
    }

    /// <summary>Clears the key's failure history (call after a success).</summary>
    public void Forget(TKey key) => rateLimiter.Forget(key);

    public int NumRequeues(TKey key) => rateLimiter.NumRequeues(key);

    /// <summary>
    /// Waits for a key and marks it as being processed; the caller must call <see cref="Done"/> with it.
    /// Returns <see cref="QueueItem{TKey}.Shutdown"/> = true once the queue is shutting down.
    /// </summary>
    public Task<QueueItem<TKey>> GetAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<QueueItem<TKey>> getter;
        LinkedListNode<TaskCompletionSource<QueueItem<TKey>>> node;
        lock (gate)
        {
            if (shuttingDown)
            {
                return Task.FromResult(new QueueItem<TKey>(default!, true));
            }

            if (queue.Count > 0)
            {
                return Task.FromResult(new QueueItem<TKey>(TakeLocked(queue.Dequeue()), false));
            }

            cancellationToken.ThrowIfCancellationRequested();
            getter = new TaskCompletionSource<QueueItem<TKey>>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = getters.AddLast(getter);
        }

        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() =>
            {
                lock (gate)
                {
                    if (node.List is not null)
                    {
                        getters.Remove(node);
                    }
                }

                getter.TrySetCanceled(cancellationToken);
            });
            _ = getter.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return getter.Task;
    }

    /// <summary>Marks a key as processed; if it was added meanwhile, it is queued again now.</summary>
    public void Done(TKey key)
    {
        lock (gate)
        {
            if (processingSince.Remove(key, out var startedAt) && metrics is not null)
            {
                metrics.WorkDuration.Observe(time.GetElapsedTime(startedAt).TotalSeconds);
            }

            if (dirty.Contains(key) && !shuttingDown)
            {
                EnqueueLocked(key);
            }

            if (shuttingDown && processingSince.Count == 0)
            {
                drained.TrySetResult();
            }
        }
    }

    /// <summary>Stops handing out keys and drops queued and delayed ones; waiting getters are told to stop.</summary>
    public void ShutDown()
    {
        List<TaskCompletionSource<QueueItem<TKey>>> toRelease;
        lock (gate)
        {
            if (shuttingDown)
            {
                return;
            }

            shuttingDown = true;
            timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            queue.Clear();
            dirty.Clear();
            enqueuedAt.Clear();
            waiting.Clear();
            readyAt.Clear();
            metrics?.Depth.Set(0);
            toRelease = [.. getters];
            getters.Clear();
            if (processingSince.Count == 0)
            {
                drained.TrySetResult();
            }
        }

        foreach (var getter in toRelease)
        {
            getter.TrySetResult(new QueueItem<TKey>(default!, true));
        }
    }

    /// <summary>Shuts down, then waits until every key handed out has been marked <see cref="Done"/> (or the token fires).</summary>
    public async Task ShutDownWithDrainAsync(CancellationToken cancellationToken)
    {
        ShutDown();
        await drained.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }

        ShutDown();
        timer.Dispose();
        metrics?.Owner.Unregister(this);
    }

    void WorkQueueMetrics.IInFlightSource.PublishInFlight()
    {
        if (metrics is null)
        {
            return;
        }

        double total = 0;
        double longest = 0;
        lock (gate)
        {
            var now = time.GetTimestamp();
            foreach (var startedAt in processingSince.Values)
            {
                var seconds = time.GetElapsedTime(startedAt, now).TotalSeconds;
                total += seconds;
                longest = Math.Max(longest, seconds);
            }
        }

        metrics.Unfinished.Set(total);
        metrics.LongestRunning.Set(longest);
    }

    private void AddLocked(TKey key)
    {
        if (shuttingDown)
        {
            return;
        }

        metrics?.Adds.Inc();
        if (!dirty.Add(key))
        {
            return;
        }

        if (processingSince.ContainsKey(key))
        {
            // Re-queued by Done, so that one key never runs on two workers at once.
            return;
        }

        EnqueueLocked(key);
    }

    private void EnqueueLocked(TKey key)
    {
        enqueuedAt[key] = time.GetTimestamp();
        while (getters.First is { } first)
        {
            getters.RemoveFirst();
            // A getter whose wait was cancelled refuses the key; try the next one.
            if (first.Value.Task.IsCompleted)
            {
                continue;
            }

            var item = new QueueItem<TKey>(TakeLocked(key), false);
            if (first.Value.TrySetResult(item))
            {
                return;
            }

            // Lost a race with cancellation: undo and keep looking.
            processingSince.Remove(key);
            dirty.Add(key);
            enqueuedAt[key] = time.GetTimestamp();
        }

        queue.Enqueue(key);
        metrics?.Depth.Set(queue.Count);
    }

    private TKey TakeLocked(TKey key)
    {
        dirty.Remove(key);
        var now = time.GetTimestamp();
        processingSince[key] = now;
        if (enqueuedAt.Remove(key, out var at) && metrics is not null)
        {
            metrics.QueueDuration.Observe(time.GetElapsedTime(at, now).TotalSeconds);
        }

        metrics?.Depth.Set(queue.Count);
        return key;
    }

    private void PromoteReadyItems()
    {
        lock (gate)
        {
            if (shuttingDown)
            {
                return;
            }

            var now = time.GetUtcNow();
            while (waiting.TryPeek(out var key, out var due) && due <= now)
            {
                waiting.Dequeue();
                // Lazy deletion: a key moved to an earlier time leaves a stale entry behind.
                if (readyAt.TryGetValue(key, out var current) && current == due)
                {
                    readyAt.Remove(key);
                    AddLocked(key);
                }
            }

            ArmTimerLocked();
        }
    }

    private void ArmTimerLocked()
    {
        while (waiting.TryPeek(out var key, out var due))
        {
            if (readyAt.TryGetValue(key, out var current) && current == due)
            {
                var delay = due - time.GetUtcNow();
                timer.Change(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
                return;
            }

            waiting.Dequeue();
        }

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }
}

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
/// <item>shutdown that stops handing out work and lets callers wait for in-flight keys (<see cref="ShutDownWithDrainAsync"/>);</item>
/// <item>two priorities, as controller-runtime's priority queue: <see cref="WorkPriority.High"/> keys are handed out
/// before <see cref="WorkPriority.Low"/> ones (FIFO within each), a queued low key added high moves up, and low keys
/// keep a guaranteed share of hand-outs (<see cref="WorkQueueOptions{TKey}.LowPriorityShare"/>) so they never starve.</item>
/// </list>
/// </summary>
public sealed class WorkQueue<TKey> : IDisposable, WorkQueueMetrics.IInFlightSource
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly IRateLimiter<TKey> _rateLimiter;
    private readonly WorkQueueMetrics.QueueMetrics? _metrics;
    private readonly LinkedList<TKey> _high = new();
    private readonly LinkedList<TKey> _low = new();
    private readonly Dictionary<TKey, LinkedListNode<TKey>> _queued = [];
    // Keys queued or to be re-queued by Done, with the highest priority they were added with.
    private readonly Dictionary<TKey, WorkPriority> _dirty = [];
    private readonly Dictionary<TKey, long> _enqueuedAt = [];
    private readonly Dictionary<TKey, long> _processingSince = [];
    private readonly PriorityQueue<TKey, DateTimeOffset> _waiting = new();
    private readonly Dictionary<TKey, (DateTimeOffset Due, WorkPriority Priority)> _readyAt = [];
    private readonly LinkedList<TaskCompletionSource<QueueItem<TKey>>> _getters = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ITimer _timer;
    private readonly int _highInARowWhileLowWaits;
    private int _highInARow;
    private bool _shuttingDown;
    private bool _disposed;

    public WorkQueue(WorkQueueOptions<TKey>? options = null)
    {
        options ??= new WorkQueueOptions<TKey>();
        _highInARowWhileLowWaits = options.HighInARowWhileLowWaits();
        Name = options.Name;
        _time = options.TimeProvider;
        _rateLimiter = options.RateLimiter ?? RateLimiters.Default<TKey>(_time);
        _metrics = options.Metrics?.For(Name);
        _metrics?.Owner.Register(this);
        _timer = _time.CreateTimer(_ => PromoteReadyItems(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public string Name { get; }

    /// <summary>Keys waiting to be taken (not counting delayed ones or those being processed).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _queued.Count;
            }
        }
    }

    /// <summary>Keys of one priority waiting to be taken.</summary>
    public int CountOf(WorkPriority priority)
    {
        lock (_gate)
        {
            return ListOf(priority).Count;
        }
    }

    /// <summary>Keys waiting for their <see cref="AddAfter"/> delay.</summary>
    public int DelayedCount
    {
        get
        {
            lock (_gate)
            {
                return _readyAt.Count;
            }
        }
    }

    /// <summary>Keys handed out and not yet <see cref="Done"/>.</summary>
    public int ProcessingCount
    {
        get
        {
            lock (_gate)
            {
                return _processingSince.Count;
            }
        }
    }

    public bool IsShuttingDown
    {
        get
        {
            lock (_gate)
            {
                return _shuttingDown;
            }
        }
    }

    /// <summary>Queues a key now at high priority (no-op when it is already queued, or after shutdown).</summary>
    public void Add(TKey key) => Add(key, WorkPriority.High);

    /// <summary>
    /// Queues a key now. A key already queued keeps its place, unless it waits at low priority and is now added at
    /// high: then it moves to the end of the high-priority queue.
    /// </summary>
    public void Add(TKey key, WorkPriority priority)
    {
        lock (_gate)
        {
            AddLocked(key, priority);
        }
    }

    /// <summary>
    /// Queues a key after a delay. When the key is already waiting for a delay, the earlier time wins with its
    /// priority (at the same time, the higher priority).
    /// </summary>
    public void AddAfter(TKey key, TimeSpan delay, WorkPriority priority = WorkPriority.High)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key, priority);
            return;
        }

        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            var due = _time.GetUtcNow() + delay;
            if (_readyAt.TryGetValue(key, out var existing))
            {
                if (existing.Due < due || (existing.Due == due && existing.Priority >= priority))
                {
                    return;
                }

                if (existing.Due == due)
                {
                    // Same time, higher priority: the entry already in _waiting stays valid.
                    _readyAt[key] = (due, priority);
                    return;
                }
            }

            _readyAt[key] = (due, priority);
            _waiting.Enqueue(key, due);
            ArmTimerLocked();
        }
    }

    /// <summary>Queues a key after the rate limiter's delay for it (one more failure); counts a retry.</summary>
    public void AddRateLimited(TKey key, WorkPriority priority = WorkPriority.High)
    {
        var delay = _rateLimiter.When(key);
        _metrics?.Retries.Inc();
        AddAfter(key, delay, priority);
    }

    /// <summary>Clears the key's failure history (call after a success).</summary>
    public void Forget(TKey key) => _rateLimiter.Forget(key);

    public int NumRequeues(TKey key) => _rateLimiter.NumRequeues(key);

    /// <summary>
    /// Waits for a key and marks it as being processed; the caller must call <see cref="Done"/> with it.
    /// Returns <see cref="QueueItem{TKey}.Shutdown"/> = true once the queue is shutting down.
    /// </summary>
    public Task<QueueItem<TKey>> GetAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<QueueItem<TKey>> getter;
        LinkedListNode<TaskCompletionSource<QueueItem<TKey>>> node;
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return Task.FromResult(new QueueItem<TKey>(default!, true));
            }

            if (_queued.Count > 0)
            {
                return Task.FromResult(TakeLocked(NextLocked()));
            }

            cancellationToken.ThrowIfCancellationRequested();
            getter = new TaskCompletionSource<QueueItem<TKey>>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _getters.AddLast(getter);
        }

        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() =>
            {
                lock (_gate)
                {
                    if (node.List is not null)
                    {
                        _getters.Remove(node);
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
        lock (_gate)
        {
            if (_processingSince.Remove(key, out var startedAt) && _metrics is not null)
            {
                _metrics.WorkDuration.Observe(_time.GetElapsedTime(startedAt).TotalSeconds);
            }

            if (_dirty.TryGetValue(key, out var priority) && !_shuttingDown)
            {
                EnqueueLocked(key, priority);
            }

            if (_shuttingDown && _processingSince.Count == 0)
            {
                _drained.TrySetResult();
            }
        }
    }

    /// <summary>Stops handing out keys and drops queued and delayed ones; waiting getters are told to stop.</summary>
    public void ShutDown()
    {
        List<TaskCompletionSource<QueueItem<TKey>>> toRelease;
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            _shuttingDown = true;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _high.Clear();
            _low.Clear();
            _queued.Clear();
            _dirty.Clear();
            _enqueuedAt.Clear();
            _waiting.Clear();
            _readyAt.Clear();
            PublishDepthLocked();
            toRelease = [.. _getters];
            _getters.Clear();
            if (_processingSince.Count == 0)
            {
                _drained.TrySetResult();
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
        await _drained.Task.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        ShutDown();
        _timer.Dispose();
        _metrics?.Owner.Unregister(this);
    }

    void WorkQueueMetrics.IInFlightSource.PublishInFlight()
    {
        if (_metrics is null)
        {
            return;
        }

        double total = 0;
        double longest = 0;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            foreach (var startedAt in _processingSince.Values)
            {
                var seconds = _time.GetElapsedTime(startedAt, now).TotalSeconds;
                total += seconds;
                longest = Math.Max(longest, seconds);
            }
        }

        _metrics.Unfinished.Set(total);
        _metrics.LongestRunning.Set(longest);
    }

    private void AddLocked(TKey key, WorkPriority priority)
    {
        if (_shuttingDown)
        {
            return;
        }

        _metrics?.Adds.Inc();
        if (_dirty.TryGetValue(key, out var current))
        {
            if (priority > current)
            {
                _dirty[key] = priority;
                if (_queued.TryGetValue(key, out var node))
                {
                    // Queued low, added high: it moves up (to the end of the high queue).
                    _low.Remove(node);
                    _high.AddLast(node);
                    PublishDepthLocked();
                }
            }

            return;
        }

        _dirty[key] = priority;
        if (_processingSince.ContainsKey(key))
        {
            // Re-queued by Done, so that one key never runs on two workers at once.
            return;
        }

        EnqueueLocked(key, priority);
    }

    private void EnqueueLocked(TKey key, WorkPriority priority)
    {
        _enqueuedAt[key] = _time.GetTimestamp();
        while (_getters.First is { } first)
        {
            _getters.RemoveFirst();
            // A getter whose wait was cancelled refuses the key; try the next one.
            if (first.Value.Task.IsCompleted)
            {
                continue;
            }

            // Getters only wait while nothing is queued, so handing this key out respects priorities and shares.
            var item = TakeLocked(key);
            if (first.Value.TrySetResult(item))
            {
                return;
            }

            // Lost a race with cancellation: undo and keep looking.
            _processingSince.Remove(key);
            _dirty[key] = priority;
            _enqueuedAt[key] = _time.GetTimestamp();
        }

        _queued[key] = ListOf(priority).AddLast(key);
        PublishDepthLocked();
    }

    /// <summary>
    /// The key to hand out next: the oldest high key, except that after a run of high hand-outs while a low key
    /// waited, the oldest low key gets its turn.
    /// </summary>
    private TKey NextLocked()
    {
        var lowWaits = _low.First is not null;
        if (_high.First is { } high && (!lowWaits || _highInARow < _highInARowWhileLowWaits))
        {
            _highInARow = lowWaits ? _highInARow + 1 : 0;
            return high.Value;
        }

        _highInARow = 0;
        return _low.First!.Value;
    }

    private QueueItem<TKey> TakeLocked(TKey key)
    {
        if (_queued.Remove(key, out var node))
        {
            node.List!.Remove(node);
        }

        _dirty.Remove(key, out var priority);
        var now = _time.GetTimestamp();
        _processingSince[key] = now;
        if (_enqueuedAt.Remove(key, out var at) && _metrics is not null)
        {
            _metrics.QueueDuration.Observe(_time.GetElapsedTime(at, now).TotalSeconds);
        }

        PublishDepthLocked();
        return new QueueItem<TKey>(key, false) { Priority = priority };
    }

    private LinkedList<TKey> ListOf(WorkPriority priority) => priority >= WorkPriority.High ? _high : _low;

    private void PublishDepthLocked()
    {
        if (_metrics is not null)
        {
            _metrics.DepthOf(WorkPriority.High).Set(_high.Count);
            _metrics.DepthOf(WorkPriority.Low).Set(_low.Count);
        }
    }

    private void PromoteReadyItems()
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            var now = _time.GetUtcNow();
            while (_waiting.TryPeek(out var key, out var due) && due <= now)
            {
                _waiting.Dequeue();
                // Lazy deletion: a key moved to an earlier time leaves a stale entry behind.
                if (_readyAt.TryGetValue(key, out var current) && current.Due == due)
                {
                    _readyAt.Remove(key);
                    AddLocked(key, current.Priority);
                }
            }

            ArmTimerLocked();
        }
    }

    private void ArmTimerLocked()
    {
        while (_waiting.TryPeek(out var key, out var due))
        {
            if (_readyAt.TryGetValue(key, out var current) && current.Due == due)
            {
                var delay = due - _time.GetUtcNow();
                _timer.Change(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
                return;
            }

            _waiting.Dequeue();
        }

        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }
}

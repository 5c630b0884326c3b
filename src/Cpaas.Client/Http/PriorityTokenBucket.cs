namespace Cpaas.Client.Http;

/// <summary>
/// One account's request budget: a token bucket (<see cref="RequestsPerSecond"/>, <see cref="Burst"/>) whose waiting
/// callers are served by priority, refilled continuously from <see cref="TimeProvider"/> timestamps (so a fake clock
/// drives it exactly). The rule, applied whenever a token is available:
/// <list type="number">
/// <item>Low-priority calls also need a token of a second bucket that refills at <c>lowShare</c> of the rate (capacity
/// <c>max(1, burst x lowShare)</c>): over any stretch of time they use at most that share.</item>
/// <item>The oldest waiting low-priority call goes first when its guaranteed minimum is due: a third bucket refills at
/// <c>minimumShare</c> of the rate (capacity 1, empty at start) and every low grant spends it. Under a continuous
/// stream of high-priority calls, low calls still get <c>minimumShare</c> of the rate; a high call waits behind at most
/// one low call.</item>
/// <item>Otherwise the oldest waiting high-priority call goes first.</item>
/// <item>Otherwise the oldest waiting low-priority call, if the low share allows it: with no high call waiting, low
/// calls get their whole share.</item>
/// </list>
/// Within a priority, calls are served in arrival order. See docs/decisions/0041-priority-rate-budget.md.
/// </summary>
internal sealed class PriorityTokenBucket : IDisposable
{
    // Refill arithmetic is in doubles; a token short by rounding error is still a token.
    private const double Whole = 1 - 1e-9;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly int _queueLimit;
    private readonly double _lowRate;
    private readonly double _lowCapacity;
    private readonly double _minimumRate;
    private readonly LinkedList<Waiter> _high = new();
    private readonly LinkedList<Waiter> _low = new();
    private readonly ITimer _timer;
    private double _tokens;
    private double _lowTokens;
    private double _minimumTokens;
    private long _refilledAt;
    private bool _disposed;

    public PriorityTokenBucket(double requestsPerSecond, int burst, double lowShare, double minimumShare, int queueLimit, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lowShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lowShare, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minimumShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumShare, lowShare);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        RequestsPerSecond = requestsPerSecond;
        Burst = burst;
        _queueLimit = queueLimit;
        _lowRate = requestsPerSecond * lowShare;
        _lowCapacity = Math.Max(1, burst * lowShare);
        _minimumRate = requestsPerSecond * minimumShare;
        _tokens = burst;
        _lowTokens = _lowCapacity;
        _minimumTokens = 0;
        _refilledAt = time.GetTimestamp();
        _timer = time.CreateTimer(static state => ((PriorityTokenBucket)state!).Dispatch(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public double RequestsPerSecond { get; }

    public int Burst { get; }

    /// <summary>Whole tokens available now.</summary>
    public long AvailableTokens
    {
        get
        {
            lock (_gate)
            {
                Refill();
                return (long)Math.Floor(_tokens + (1 - Whole));
            }
        }
    }

    public int Queued(CpaasPriority priority)
    {
        lock (_gate)
        {
            return (priority == CpaasPriority.Low ? _low : _high).Count;
        }
    }

    public int QueuedTotal
    {
        get
        {
            lock (_gate)
            {
                return _high.Count + _low.Count;
            }
        }
    }

    /// <summary>
    /// Completes with true when the caller may send one request, false when the queue is full or the bucket was
    /// disposed while waiting.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The bucket is already disposed.</exception>
    public Task<bool> AcquireAsync(CpaasPriority priority, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(cancellationToken);
        }

        Waiter waiter;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_high.Count + _low.Count >= _queueLimit && !CanGrantNow(priority))
            {
                return Task.FromResult(false);
            }

            waiter = new Waiter(this, priority == CpaasPriority.Low ? _low : _high);
            waiter.Node = waiter.Queue.AddLast(waiter);
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Cancellation = cancellationToken.Register(static (state, token) => ((Waiter)state!).Cancel(token), waiter);
        }

        Dispatch();
        return waiter.Completion.Task;
    }

    public void Dispose()
    {
        List<Waiter> abandoned;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            abandoned = [.. _high, .. _low];
            _high.Clear();
            _low.Clear();
        }

        _timer.Dispose();
        foreach (var waiter in abandoned)
        {
            waiter.Complete(false);
        }
    }

    /// <summary>Serves every waiter the rule allows now, then arms the timer for the next one.</summary>
    private void Dispatch()
    {
        List<Waiter>? granted = null;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            Refill();
            while (_tokens >= Whole)
            {
                var lowReady = _low.Count > 0 && _lowTokens >= Whole;
                LinkedList<Waiter> queue;
                if (lowReady && _minimumTokens >= Whole)
                {
                    queue = _low;
                }
                else if (_high.Count > 0)
                {
                    queue = _high;
                }
                else if (lowReady)
                {
                    queue = _low;
                }
                else
                {
                    break;
                }

                var waiter = queue.First!.Value;
                queue.RemoveFirst();
                waiter.Node = null;
                _tokens = Math.Max(0, _tokens - 1);
                if (queue == _low)
                {
                    // Every low grant spends the minimum's token too: the minimum only accrues while low calls go unserved.
                    _lowTokens = Math.Max(0, _lowTokens - 1);
                    _minimumTokens = Math.Max(0, _minimumTokens - 1);
                }

                (granted ??= []).Add(waiter);
            }

            _timer.Change(NextGrantIn(), Timeout.InfiniteTimeSpan);
        }

        foreach (var waiter in granted ?? [])
        {
            waiter.Complete(true);
        }
    }

    /// <summary>Whether a new call of this priority would be served at once (then a full queue does not refuse it).</summary>
    private bool CanGrantNow(CpaasPriority priority)
    {
        Refill();
        return _tokens >= Whole && (priority == CpaasPriority.High
            ? _high.Count == 0 && !(_low.Count > 0 && _lowTokens >= Whole && _minimumTokens >= Whole)
            : _low.Count == 0 && _high.Count == 0 && _lowTokens >= Whole);
    }

    /// <summary>How long until the next waiter can be served (infinite when none waits).</summary>
    private TimeSpan NextGrantIn()
    {
        if (_high.Count == 0 && _low.Count == 0)
        {
            return Timeout.InfiniteTimeSpan;
        }

        var seconds = Math.Max(0, (1 - _tokens) / RequestsPerSecond);
        if (_high.Count == 0)
        {
            seconds = Math.Max(seconds, (1 - _lowTokens) / _lowRate);
        }

        // Rounded up to whole ticks, and never zero: the timer fires when the token is there, not just before.
        return TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling(seconds * TimeSpan.TicksPerSecond)));
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_refilledAt, now).TotalSeconds;
        _refilledAt = now;
        if (elapsed <= 0)
        {
            return;
        }

        _tokens = Math.Min(Burst, _tokens + (elapsed * RequestsPerSecond));
        _lowTokens = Math.Min(_lowCapacity, _lowTokens + (elapsed * _lowRate));
        _minimumTokens = Math.Min(1, _minimumTokens + (elapsed * _minimumRate));
    }

    private void Cancel(Waiter waiter, CancellationToken token)
    {
        lock (_gate)
        {
            if (waiter.Node is null)
            {
                return;
            }

            waiter.Queue.Remove(waiter.Node);
            waiter.Node = null;
        }

        waiter.Completion.TrySetCanceled(token);

        // The head of a queue may have changed: re-arm the timer for whoever waits now.
        Dispatch();
    }

    private sealed class Waiter(PriorityTokenBucket owner, LinkedList<Waiter> queue)
    {
        public LinkedList<Waiter> Queue { get; } = queue;

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Cancellation { get; set; }

        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Cancel(CancellationToken token) => owner.Cancel(this, token);

        public void Complete(bool acquired)
        {
            Cancellation.Dispose();
            Completion.TrySetResult(acquired);
        }
    }
}

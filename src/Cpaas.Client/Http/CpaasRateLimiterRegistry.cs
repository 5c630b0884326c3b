using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Cpaas.Client.Http;

/// <summary>
/// One <see cref="PriorityTokenBucket"/> per account (base URL + API id), shared by every caller of that account in
/// the process. Buckets are dropped after <see cref="CpaasClientOptions.IdleLimiterExpiry"/> without use, checked on a
/// <see cref="TimeProvider"/> timer, so replaced credentials do not pile up. Rate, burst and shares are read when the
/// registry starts.
/// </summary>
internal sealed class CpaasRateLimiterRegistry : IDisposable
{
    private readonly ConcurrentDictionary<(string BaseUrl, string ApiId), Bucket> _buckets = new();
    private readonly TimeProvider _time;
    private readonly int _burst;
    private readonly int _queueLimit;
    private readonly double _lowShare;
    private readonly double _minimumShare;
    private readonly TimeSpan _idleExpiry;
    private readonly ITimer _evictionTimer;
    private bool _disposed;

    public CpaasRateLimiterRegistry(IOptions<CpaasClientOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _burst = settings.BurstPerAccount;
        _queueLimit = settings.MaxQueuedRequestsPerAccount;
        _lowShare = settings.LowPriorityRateShare;
        _minimumShare = Math.Min(settings.LowPriorityMinimumShare, settings.LowPriorityRateShare);
        _idleExpiry = settings.IdleLimiterExpiry;
        RequestsPerSecond = settings.RequestsPerSecondPerAccount * (1 - settings.RateLimitHeadroom);
        var evictionPeriod = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, _idleExpiry.Ticks / 4));
        _evictionTimer = _time.CreateTimer(_ => EvictIdle(), null, evictionPeriod, evictionPeriod);
    }

    /// <summary>The rate every account's bucket refills at: the account's limit less the headroom.</summary>
    public double RequestsPerSecond { get; }

    /// <summary>
    /// Waits (honouring cancellation) until the account may send one request of this priority. False when the
    /// account's queue is full or the registry was disposed while waiting.
    /// </summary>
    public async ValueTask<bool> AcquireAsync(CpaasAccount account, CpaasPriority priority, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        // A bucket evicted between lookup and use is disposed: take the fresh one.
        for (var attempt = 0; ; attempt++)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
            var bucket = _buckets.GetOrAdd(account.Identity, static (_, self) => self.NewBucket(), this);
            bucket.Touch(_time.GetTimestamp());
            try
            {
                return await bucket.Limiter.AcquireAsync(priority, cancellationToken);
            }
            catch (ObjectDisposedException) when (attempt < 3 && !Volatile.Read(ref _disposed))
            {
            }
        }
    }

    /// <summary>Tokens available to an account now (for tests and diagnostics).</summary>
    public long? AvailableTokens(CpaasAccount account) =>
        _buckets.TryGetValue(account.Identity, out var bucket) ? bucket.Limiter.AvailableTokens : null;

    /// <summary>Requests waiting for a token of an account now (for tests and diagnostics).</summary>
    public long? QueuedRequests(CpaasAccount account) =>
        _buckets.TryGetValue(account.Identity, out var bucket) ? bucket.Limiter.QueuedTotal : null;

    /// <summary>Requests of one priority waiting for a token of an account now (for tests and diagnostics).</summary>
    public long? QueuedRequests(CpaasAccount account, CpaasPriority priority) =>
        _buckets.TryGetValue(account.Identity, out var bucket) ? bucket.Limiter.Queued(priority) : null;

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        _evictionTimer.Dispose();
        foreach (var bucket in _buckets.Values)
        {
            bucket.Limiter.Dispose();
        }

        _buckets.Clear();
    }

    private Bucket NewBucket() => new(
        new PriorityTokenBucket(RequestsPerSecond, _burst, _lowShare, _minimumShare, _queueLimit, _time),
        _time.GetTimestamp());

    private void EvictIdle()
    {
        var now = _time.GetTimestamp();
        foreach (var (identity, bucket) in _buckets)
        {
            if (Volatile.Read(ref _disposed))
            {
                return;
            }

            var idle = bucket.Limiter.QueuedTotal == 0 && _time.GetElapsedTime(bucket.LastUsed, now) > _idleExpiry;
            if (idle && _buckets.TryRemove(new KeyValuePair<(string, string), Bucket>(identity, bucket)))
            {
                bucket.Limiter.Dispose();
            }
        }
    }

    private sealed class Bucket(PriorityTokenBucket limiter, long lastUsed)
    {
        private long _lastUsed = lastUsed;

        public PriorityTokenBucket Limiter { get; } = limiter;

        public long LastUsed => Interlocked.Read(ref _lastUsed);

        public void Touch(long now) => Interlocked.Exchange(ref _lastUsed, now);
    }
}

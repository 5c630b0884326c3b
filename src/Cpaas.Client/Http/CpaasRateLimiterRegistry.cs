using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Cpaas.Client.Http;

/// <summary>
/// One token bucket per account (base URL + API id), shared by every caller of that account in the process.
/// Buckets refill themselves (TokenBucketRateLimiter's own timer: its manual refill measures real time anyway)
/// and are dropped after <see cref="CpaasClientOptions.IdleLimiterExpiry"/> without use, checked on a
/// <see cref="TimeProvider"/> timer, so replaced credentials do not pile up. Rate and burst are read when the
/// registry starts.
/// </summary>
internal sealed class CpaasRateLimiterRegistry : IDisposable
{
    // Refill at least every 50 ms so a high rate is smooth, and in whole tokens so a low rate is exact.
    private static readonly TimeSpan ShortestRefillPeriod = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentDictionary<(string BaseUrl, string ApiId), Bucket> _buckets = new();
    private readonly TimeProvider _time;
    private readonly int _burst;
    private readonly int _queueLimit;
    private readonly int _tokensPerPeriod;
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
        _idleExpiry = settings.IdleLimiterExpiry;
        (_tokensPerPeriod, RefillPeriod) = RefillSchedule(settings.RequestsPerSecondPerAccount * (1 - settings.RateLimitHeadroom));
        var evictionPeriod = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, _idleExpiry.Ticks / 4));
        _evictionTimer = _time.CreateTimer(_ => EvictIdle(), null, evictionPeriod, evictionPeriod);
    }

    /// <summary>How often buckets gain <see cref="TokensPerPeriod"/> tokens.</summary>
    public TimeSpan RefillPeriod { get; }

    public int TokensPerPeriod => _tokensPerPeriod;

    /// <summary>Waits (honouring cancellation) until the account may send one request.</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(CpaasAccount account, CancellationToken cancellationToken)
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
                return await bucket.Limiter.AcquireAsync(1, cancellationToken);
            }
            catch (ObjectDisposedException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Tokens available to an account now (for tests and diagnostics).</summary>
    public long? AvailableTokens(CpaasAccount account) =>
        _buckets.TryGetValue(account.Identity, out var bucket) ? bucket.Limiter.GetStatistics()?.CurrentAvailablePermits : null;

    /// <summary>Requests waiting for a token of an account now (for tests and diagnostics).</summary>
    public long? QueuedRequests(CpaasAccount account) =>
        _buckets.TryGetValue(account.Identity, out var bucket) ? bucket.Limiter.GetStatistics()?.CurrentQueuedCount : null;

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

    /// <summary>Whole tokens per refill, and the period that gives <paramref name="requestsPerSecond"/>.</summary>
    internal static (int TokensPerPeriod, TimeSpan Period) RefillSchedule(double requestsPerSecond)
    {
        var tokens = Math.Max(1, (int)Math.Ceiling(requestsPerSecond * ShortestRefillPeriod.TotalSeconds));
        return (tokens, TimeSpan.FromSeconds(tokens / requestsPerSecond));
    }

    private Bucket NewBucket() => new(
        new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = _burst,
            TokensPerPeriod = _tokensPerPeriod,
            ReplenishmentPeriod = RefillPeriod,
            AutoReplenishment = true,
            QueueLimit = _queueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }),
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

            try
            {
                var idle = bucket.Limiter.GetStatistics() is { CurrentQueuedCount: 0 }
                    && _time.GetElapsedTime(bucket.LastUsed, now) > _idleExpiry;
                if (idle && _buckets.TryRemove(new KeyValuePair<(string, string), Bucket>(identity, bucket)))
                {
                    bucket.Limiter.Dispose();
                }
            }
            catch (ObjectDisposedException)
            {
                // Disposed by Dispose() while this tick ran: a timer callback must never throw.
            }
        }
    }

    private sealed class Bucket(TokenBucketRateLimiter limiter, long lastUsed)
    {
        private long _lastUsed = lastUsed;

        public TokenBucketRateLimiter Limiter { get; } = limiter;

        public long LastUsed => Interlocked.Read(ref _lastUsed);

        public void Touch(long now) => Interlocked.Exchange(ref _lastUsed, now);
    }
}

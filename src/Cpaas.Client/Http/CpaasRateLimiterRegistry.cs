using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Cpaas.Client.Http;

/// <summary>
/// One token bucket per account (base URL + API id), shared by every caller of that account in the process.
/// Buckets are refilled by a <see cref="TimeProvider"/> timer (so tests can drive time) and dropped after
/// <see cref="CpaasClientOptions.IdleLimiterExpiry"/> without use, so replaced credentials do not pile up.
/// Rate and burst are read when the registry starts.
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
    private readonly ITimer _refillTimer;

    public CpaasRateLimiterRegistry(IOptions<CpaasClientOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _burst = settings.BurstPerAccount;
        _queueLimit = settings.MaxQueuedRequestsPerAccount;
        _idleExpiry = settings.IdleLimiterExpiry;
        (_tokensPerPeriod, RefillPeriod) = RefillSchedule(settings.RequestsPerSecondPerAccount);
        _refillTimer = _time.CreateTimer(_ => Refill(), null, RefillPeriod, RefillPeriod);
    }

    /// <summary>How often buckets gain tokens.</summary>
    public TimeSpan RefillPeriod { get; }

    /// <summary>Waits (honouring cancellation) until the account may send one request.</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(CpaasAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        // A bucket evicted between lookup and use is disposed: take the fresh one.
        for (var attempt = 0; ; attempt++)
        {
            var bucket = _buckets.GetOrAdd(account.Identity, static (_, self) => self.NewBucket(), this);
            bucket.Touch(_time.GetTimestamp());
            try
            {
                return await bucket.Limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectDisposedException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Tokens available to an account now (for tests and diagnostics).</summary>
    public long? AvailableTokens(CpaasAccount account) =>
        _buckets.TryGetValue(account.Identity, out var bucket) ? bucket.Limiter.GetStatistics()?.CurrentAvailablePermits : null;

    public void Dispose()
    {
        _refillTimer.Dispose();
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
            AutoReplenishment = false,
            QueueLimit = _queueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }),
        _time.GetTimestamp());

    private void Refill()
    {
        var now = _time.GetTimestamp();
        foreach (var (identity, bucket) in _buckets)
        {
            bucket.Limiter.TryReplenish();
            var statistics = bucket.Limiter.GetStatistics();
            var idle = statistics is { CurrentQueuedCount: 0 } && statistics.CurrentAvailablePermits >= _burst
                && _time.GetElapsedTime(bucket.LastUsed, now) > _idleExpiry;
            if (idle && _buckets.TryRemove(new KeyValuePair<(string, string), Bucket>(identity, bucket)))
            {
                bucket.Limiter.Dispose();
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

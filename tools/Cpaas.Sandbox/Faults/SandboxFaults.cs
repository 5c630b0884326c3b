using Cpaas.Sandbox.Api;

namespace Cpaas.Sandbox.Faults;

/// <summary>
/// Faults injected into API requests (never into /_sandbox). Rates are probabilities per request (0..1), drawn from
/// a seeded random when <see cref="CpaasSandboxOptions.RandomSeed"/> is set; the "next N" methods are deterministic
/// and take precedence over rates. <see cref="Operations"/> limits latency, server errors, timeouts and bursts to some
/// operations. Settings apply to requests that arrive after the change.
/// Order per request: latency, burst 429, timeout, server error, authentication (401), per-account rate limit
/// (429), the operation, then after a commit: hold, lose.
/// </summary>
public sealed class SandboxFaults
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly int? _seed;
    private readonly Dictionary<string, SandboxRateLimit?> _accountLimits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private readonly List<CommitHold> _holds = [];
    private Random _random;
    private int _failNext;
    private int _failNextStatus = 503;
    private int _timeoutNext;
    private int _burstRemaining;
    private TimeSpan _burstRetryAfter;
    private int _loseNext;

    internal SandboxFaults(TimeProvider time, int? seed)
    {
        _time = time;
        _seed = seed;
        _random = seed is { } s ? new Random(s) : new Random();
    }

    /// <summary>Added before every request is handled.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Probability of answering <see cref="ErrorStatusCode"/> without processing the request.</summary>
    public double ErrorRate { get; set; }

    public int ErrorStatusCode { get; set; } = 503;

    /// <summary>Probability of hanging (nothing processed) until the caller gives up or <see cref="TimeoutHang"/> passes (then 504).</summary>
    public double TimeoutRate { get; set; }

    public TimeSpan TimeoutHang { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Probability that a committed request of <see cref="LoseResponseOperations"/> gets its connection aborted instead of a response.</summary>
    public double LoseResponseAfterCommitRate { get; set; }

    /// <summary>The operations whose responses may be lost after commit: by default add and reset_key.</summary>
    public IReadOnlySet<SandboxOperation> LoseResponseOperations { get; set; } = DefaultLoseOperations;

    /// <summary>A rate limit applied to each account separately (null = none); see <see cref="SetAccountRateLimit"/>.</summary>
    public SandboxRateLimit? RateLimit { get; set; }

    /// <summary>When set, latency, server errors, timeouts and bursts apply only to these operations.</summary>
    public IReadOnlySet<SandboxOperation>? Operations { get; set; }

    internal static IReadOnlySet<SandboxOperation> DefaultLoseOperations { get; } =
        new HashSet<SandboxOperation> { SandboxOperation.AddProject, SandboxOperation.ResetKey };

    /// <summary>The next <paramref name="count"/> requests (in scope) answer <paramref name="statusCode"/> unprocessed.</summary>
    public void FailNext(int count, int statusCode = 503)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 500);
        lock (_gate)
        {
            _failNext = count;
            _failNextStatus = statusCode;
        }
    }

    /// <summary>The next <paramref name="count"/> requests (in scope) hang unprocessed.</summary>
    public void TimeoutNext(int count)
    {
        lock (_gate)
        {
            _timeoutNext = count;
        }
    }

    /// <summary>The next <paramref name="count"/> requests (in scope) answer 429 with Retry-After (whole seconds, rounded up).</summary>
    public void RateLimitBurst(int count, TimeSpan retryAfter)
    {
        lock (_gate)
        {
            _burstRemaining = count;
            _burstRetryAfter = retryAfter;
        }
    }

    /// <summary>The next <paramref name="count"/> committed requests of <see cref="LoseResponseOperations"/> lose their response.</summary>
    public void LoseNextResponsesAfterCommit(int count)
    {
        lock (_gate)
        {
            _loseNext = count;
        }
    }

    /// <summary>Overrides <see cref="RateLimit"/> for one account; null removes the override.</summary>
    public void SetAccountRateLimit(string apiId, SandboxRateLimit? limit)
    {
        lock (_gate)
        {
            _accountLimits[apiId] = limit;
            _buckets.Remove(apiId);
        }
    }

    /// <summary>Removes the per-account override, so <see cref="RateLimit"/> applies again.</summary>
    public void ClearAccountRateLimit(string apiId)
    {
        lock (_gate)
        {
            _accountLimits.Remove(apiId);
            _buckets.Remove(apiId);
        }
    }

    /// <summary>Holds matching requests after they commit until the returned gate is released (default: add and reset_key).</summary>
    public CommitHold HoldAfterCommit(params SandboxOperation[] operations)
    {
        var set = operations.Length == 0 ? DefaultLoseOperations : new HashSet<SandboxOperation>(operations);
        var hold = new CommitHold(set, RemoveHold);
        lock (_gate)
        {
            _holds.Add(hold);
        }

        return hold;
    }

    /// <summary>The holds not yet released (including those created over HTTP).</summary>
    public IReadOnlyList<CommitHold> ActiveHolds()
    {
        lock (_gate)
        {
            return [.. _holds];
        }
    }

    /// <summary>Back to no faults (releases holds, clears rate limits and counters; the random restarts from its seed).</summary>
    public void Clear()
    {
        List<CommitHold> holds;
        lock (_gate)
        {
            Latency = TimeSpan.Zero;
            ErrorRate = 0;
            ErrorStatusCode = 503;
            TimeoutRate = 0;
            TimeoutHang = TimeSpan.FromMinutes(5);
            LoseResponseAfterCommitRate = 0;
            LoseResponseOperations = DefaultLoseOperations;
            RateLimit = null;
            Operations = null;
            _failNext = _timeoutNext = _burstRemaining = _loseNext = 0;
            _accountLimits.Clear();
            _buckets.Clear();
            _random = _seed is { } s ? new Random(s) : new Random();
            holds = [.. _holds];
        }

        foreach (var hold in holds)
        {
            hold.Release();
        }
    }

    /// <summary>A snapshot of the counters, for the control surface.</summary>
    internal (int FailNext, int TimeoutNext, int BurstRemaining, int LoseNext, int Holds) Pending()
    {
        lock (_gate)
        {
            return (_failNext, _timeoutNext, _burstRemaining, _loseNext, _holds.Count);
        }
    }

    internal IReadOnlyDictionary<string, SandboxRateLimit?> AccountRateLimits()
    {
        lock (_gate)
        {
            return new Dictionary<string, SandboxRateLimit?>(_accountLimits, StringComparer.Ordinal);
        }
    }

    internal bool InScope(SandboxOperation operation) => Operations is not { } scope || scope.Contains(operation);

    /// <summary>Retry-After seconds when this request is part of a 429 burst.</summary>
    internal int? DrawBurst(SandboxOperation operation)
    {
        if (!InScope(operation))
        {
            return null;
        }

        lock (_gate)
        {
            if (_burstRemaining <= 0)
            {
                return null;
            }

            _burstRemaining--;
            return (int)Math.Ceiling(_burstRetryAfter.TotalSeconds);
        }
    }

    internal bool DrawTimeout(SandboxOperation operation)
    {
        if (!InScope(operation))
        {
            return false;
        }

        lock (_gate)
        {
            if (_timeoutNext > 0)
            {
                _timeoutNext--;
                return true;
            }

            return TimeoutRate > 0 && _random.NextDouble() < TimeoutRate;
        }
    }

    /// <summary>The 5xx status to answer, when this request fails.</summary>
    internal int? DrawServerError(SandboxOperation operation)
    {
        if (!InScope(operation))
        {
            return null;
        }

        lock (_gate)
        {
            if (_failNext > 0)
            {
                _failNext--;
                return _failNextStatus;
            }

            return ErrorRate > 0 && _random.NextDouble() < ErrorRate ? ErrorStatusCode : null;
        }
    }

    /// <summary>Retry-After seconds when the account is over its limit (the request is then not counted against it).</summary>
    internal int? DrawAccountRateLimit(string apiId)
    {
        lock (_gate)
        {
            var limit = _accountLimits.TryGetValue(apiId, out var specific) ? specific : RateLimit;
            if (limit is null)
            {
                return null;
            }

            var now = _time.GetUtcNow();
            if (!_buckets.TryGetValue(apiId, out var bucket) || bucket.Limit != limit)
            {
                bucket = new TokenBucket(limit, now);
                _buckets[apiId] = bucket;
            }

            return bucket.TryTake(now) is { } wait ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : null;
        }
    }

    internal bool DrawLoseAfterCommit(SandboxOperation operation)
    {
        if (!LoseResponseOperations.Contains(operation))
        {
            return false;
        }

        lock (_gate)
        {
            if (_loseNext > 0)
            {
                _loseNext--;
                return true;
            }

            return LoseResponseAfterCommitRate > 0 && _random.NextDouble() < LoseResponseAfterCommitRate;
        }
    }

    internal CommitHold? HoldFor(SandboxOperation operation)
    {
        lock (_gate)
        {
            return _holds.FirstOrDefault(h => !h.IsReleased && h.Operations.Contains(operation));
        }
    }

    private void RemoveHold(CommitHold hold)
    {
        lock (_gate)
        {
            _holds.Remove(hold);
        }
    }
}

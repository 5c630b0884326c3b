namespace Cpaas.Sandbox.Faults;

/// <summary>One account's bucket. Not thread-safe: <see cref="SandboxFaults"/> guards it.</summary>
internal sealed class TokenBucket(SandboxRateLimit limit, DateTimeOffset now)
{
    private double _tokens = limit.Burst;
    private DateTimeOffset _last = now;

    public SandboxRateLimit Limit { get; } = limit;

    /// <summary>Takes a token; when none is left, returns how long until one is.</summary>
    public TimeSpan? TryTake(DateTimeOffset now)
    {
        var elapsed = Math.Max(0, (now - _last).TotalSeconds);
        _tokens = Math.Min(Limit.Burst, _tokens + (elapsed * Limit.RequestsPerSecond));
        _last = now;
        if (_tokens >= 1)
        {
            _tokens -= 1;
            return null;
        }

        return TimeSpan.FromSeconds((1 - _tokens) / Limit.RequestsPerSecond);
    }
}

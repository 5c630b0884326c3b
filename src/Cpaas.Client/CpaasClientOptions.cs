using System.Globalization;

namespace Cpaas.Client;

/// <summary>Settings of the CPaaS client (bound through <c>AddCpaasClient(options => ...)</c>).</summary>
public sealed class CpaasClientOptions
{
    /// <summary>Sustained requests per second allowed per account (base URL + API id), shared by all callers. Default 5.</summary>
    public double RequestsPerSecondPerAccount { get; set; } = 5;

    /// <summary>
    /// Fraction of <see cref="RequestsPerSecondPerAccount"/> left unused. The client's bucket refills in steps and
    /// requests reach the API with scheduling jitter, so sending at exactly the API's limit makes its continuous bucket
    /// refuse a few (429). Default 0.05: 95 requests per second against a limit of 100.
    /// </summary>
    public double RateLimitHeadroom { get; set; } = 0.05;

    /// <summary>Requests an idle account may send at once before the sustained rate applies. Default 10.</summary>
    public int BurstPerAccount { get; set; } = 10;

    /// <summary>
    /// Most of the account's rate that low-priority calls (<see cref="CpaasRequestPriority.Low"/>: periodic full
    /// observes) may use, from above 0 to 1. They wait behind high-priority calls, within this share. Default 0.5.
    /// </summary>
    public double LowPriorityRateShare { get; set; } = 0.5;

    /// <summary>
    /// Share of the account's rate that low-priority calls get even while high-priority calls wait without pause, so
    /// they are never starved; above 0 and at most <see cref="LowPriorityRateShare"/> (a larger value is capped to
    /// it). Default 0.1.
    /// </summary>
    public double LowPriorityMinimumShare { get; set; } = 0.1;

    /// <summary>Requests that may wait for a token per account; one more fails as transient. Default 10,000.</summary>
    public int MaxQueuedRequestsPerAccount { get; set; } = 10_000;

    /// <summary>Time limit of one HTTP attempt. Default 15 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Time limit of a whole call: rate-limit waits, all attempts and backoff. Default 60 s.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after the first attempt, for idempotent operations only (never add or reset_key). Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Base delay of the jittered exponential backoff between retries. Default 500 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest backoff between retries. Default 10 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest Retry-After the client waits out itself; a longer one ends the call with a transient error that
    /// carries <c>RetryAfter</c>, so the caller can requeue instead of holding a worker. Default 30 s.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>User-Agent sent on every request. Default <c>Cpaas.Client/{version} ({host}; pid {pid})</c>.</summary>
    public string UserAgent { get; set; } = DefaultUserAgent("Cpaas.Client", typeof(CpaasClientOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    /// <summary>How long an unused account's rate limiter is kept. Default 15 minutes.</summary>
    public TimeSpan IdleLimiterExpiry { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A User-Agent that names the product, the host and the process: <c>name/version (host; pid N)</c>.</summary>
    public static string DefaultUserAgent(string product, string version) =>
        string.Create(CultureInfo.InvariantCulture, $"{product}/{version} ({Environment.MachineName}; pid {Environment.ProcessId})");

    /// <summary>The problems with these settings, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!(RequestsPerSecondPerAccount > 0) || double.IsInfinity(RequestsPerSecondPerAccount))
        {
            problems.Add($"{nameof(RequestsPerSecondPerAccount)} must be a positive number.");
        }

        if (!(RateLimitHeadroom >= 0 && RateLimitHeadroom < 1))
        {
            problems.Add($"{nameof(RateLimitHeadroom)} must be at least 0 and below 1.");
        }

        if (BurstPerAccount < 1)
        {
            problems.Add($"{nameof(BurstPerAccount)} must be at least 1.");
        }

        if (!(LowPriorityRateShare > 0 && LowPriorityRateShare <= 1))
        {
            problems.Add($"{nameof(LowPriorityRateShare)} must be above 0 and at most 1.");
        }

        if (!(LowPriorityMinimumShare > 0 && LowPriorityMinimumShare <= 1))
        {
            problems.Add($"{nameof(LowPriorityMinimumShare)} must be above 0 and at most 1.");
        }

        if (MaxQueuedRequestsPerAccount < 0)
        {
            problems.Add($"{nameof(MaxQueuedRequestsPerAccount)} must not be negative.");
        }

        if (AttemptTimeout <= TimeSpan.Zero || TotalTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(AttemptTimeout)} and {nameof(TotalTimeout)} must be positive.");
        }
        else if (AttemptTimeout > TotalTimeout)
        {
            problems.Add($"{nameof(AttemptTimeout)} must not exceed {nameof(TotalTimeout)}.");
        }

        if (MaxRetryAttempts is < 0 or > 100)
        {
            problems.Add($"{nameof(MaxRetryAttempts)} must be between 0 and 100.");
        }

        if (RetryBaseDelay < TimeSpan.Zero || MaxRetryDelay < RetryBaseDelay || MaxRetryAfter < TimeSpan.Zero)
        {
            problems.Add($"{nameof(RetryBaseDelay)}, {nameof(MaxRetryDelay)} and {nameof(MaxRetryAfter)} must be non-negative, and {nameof(MaxRetryDelay)} at least {nameof(RetryBaseDelay)}.");
        }

        if (IdleLimiterExpiry <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(IdleLimiterExpiry)} must be positive.");
        }

        if (string.IsNullOrWhiteSpace(UserAgent) || !System.Net.Http.Headers.ProductInfoHeaderValue.TryParse(UserAgent.Split(' ')[0], out _))
        {
            problems.Add($"{nameof(UserAgent)} must start with a product token such as name/version.");
        }

        return problems;
    }
}

using System.Net;
using System.Net.Http.Headers;
using Cpaas.Client.Api;
using Polly;
using Polly.Retry;
using Polly.Telemetry;
using Polly.Timeout;

namespace Cpaas.Client.Http;

/// <summary>
/// The retry and timeout policy. Two pipelines around the rate limiter:
/// <c>cpaas-retry</c> (outer: total timeout, then retries of idempotent operations) and <c>cpaas-attempt</c>
/// (inner: per-attempt timeout). Add and reset_key are never retried here.
/// </summary>
internal static class CpaasResilience
{
    public const string RetryPipelineName = "cpaas-retry";
    public const string AttemptPipelineName = "cpaas-attempt";

    // The HTTP client name prefixes the pipeline names ("Cpaas.Client-cpaas-retry").
    private const string HttpClientName = Microsoft.Extensions.DependencyInjection.CpaasClientServiceCollectionExtensions.HttpClientName;

    public static void ConfigureRetryPipeline(ResiliencePipelineBuilder<HttpResponseMessage> builder, CpaasClientOptions options, TimeProvider time)
    {
        builder.TimeProvider = time;
        builder.AddTimeout(new TimeoutStrategyOptions { Name = "cpaas-total-timeout", Timeout = options.TotalTimeout });
        if (options.MaxRetryAttempts == 0)
        {
            return;
        }

        builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            Name = "cpaas-retry",
            MaxRetryAttempts = options.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.MaxRetryDelay,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options, time)),
            // Null means: no Retry-After, use the jittered exponential backoff.
            DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time)),
        });
    }

    public static void ConfigureAttemptPipeline(ResiliencePipelineBuilder<HttpResponseMessage> builder, CpaasClientOptions options, TimeProvider time)
    {
        builder.TimeProvider = time;
        builder.AddTimeout(new TimeoutStrategyOptions { Name = "cpaas-attempt-timeout", Timeout = options.AttemptTimeout });
    }

    /// <summary>
    /// The severity of a resilience event of the client's pipelines: Polly reports every attempt that needs no retry
    /// at Information (one line per CPaaS call); that is Debug here. Retries (Warning) and timeouts (Error) keep theirs.
    /// Events of other pipelines in the process go to <paramref name="previous"/>, or keep their severity.
    /// </summary>
    internal static ResilienceEventSeverity Severity(SeverityProviderArguments args, Func<SeverityProviderArguments, ResilienceEventSeverity>? previous)
    {
        if (args.Source.PipelineName?.StartsWith(HttpClientName + "-", StringComparison.Ordinal) != true)
        {
            return previous?.Invoke(args) ?? args.Event.Severity;
        }

        return args.Event.Severity == ResilienceEventSeverity.Information ? ResilienceEventSeverity.Debug : args.Event.Severity;
    }

    /// <summary>
    /// Retry idempotent operations for 5xx, 408, 429 (within <see cref="CpaasClientOptions.MaxRetryAfter"/>), transport
    /// errors and attempt timeouts. Add and reset_key only for 429: a rate-limited request was refused before it was
    /// processed, so sending it again cannot create a second project or key.
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, CpaasClientOptions options, TimeProvider time)
    {
        var request = outcome.Result?.RequestMessage ?? context.GetRequestMessage();
        var call = CpaasRequestContext.TryFrom(request);
        if (call is null || context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        if (!call.Operation.IsIdempotent())
        {
            return outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } refused && IsRetryableResponse(refused, options, time);
        }

        if (outcome.Exception is { } exception)
        {
            return exception is HttpRequestException or TimeoutRejectedException or IOException;
        }

        return outcome.Result is { } response && IsRetryableResponse(response, options, time);
    }

    internal static bool IsRetryableResponse(HttpResponseMessage response, CpaasClientOptions options, TimeProvider time)
    {
        var status = (int)response.StatusCode;
        if (status is 429 or 503 && RetryAfter(response, time) is { } wait && wait > options.MaxRetryAfter)
        {
            // Longer than we are willing to hold the caller: surface it with RetryAfter instead.
            return false;
        }

        return status is 408 or 429 || (status >= 500 && status is not (501 or 505));
    }

    /// <summary>The server's Retry-After (seconds or a date) on a 429 or 503, never negative; null when absent.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time) =>
        response is null ? null : RetryAfter(response.StatusCode, response.Headers.RetryAfter, time);

    internal static TimeSpan? RetryAfter(HttpStatusCode status, RetryConditionHeaderValue? header, TimeProvider time)
    {
        if (header is null || status is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
        {
            return null;
        }

        var wait = header.Delta ?? (header.Date is { } date ? date - time.GetUtcNow() : null);
        return wait is { } w ? (w < TimeSpan.Zero ? TimeSpan.Zero : w) : null;
    }
}

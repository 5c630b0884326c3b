using System.Globalization;
using Cpaas.Client.Api;
using Cpaas.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Cpaas.Client.Http;

/// <summary>
/// Marks the request as sent (from here on the server may act on it), counts the attempt and logs it at
/// Debug: operation, app id, attempt number, status, duration. Never headers or bodies.
/// </summary>
internal sealed partial class CpaasAttemptHandler(CpaasClientMetrics metrics, TimeProvider time, ILogger<CpaasAttemptHandler> logger)
    : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = CpaasRequestContext.From(request);
        var attempt = context.BeginAttempt();
        var started = time.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            metrics.RecordAttempt(context.Operation, status.ToString(CultureInfo.InvariantCulture));
            LogAttempt(logger, context.Operation.ToWireName(), context.AppId, attempt, status, time.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception exception)
        {
            metrics.RecordAttempt(context.Operation, "error");
            LogAttemptFailed(logger, context.Operation.ToWireName(), context.AppId, attempt, exception.GetType().Name, time.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "CPaaS {Operation} app_id={AppId} attempt {Attempt}: HTTP {HttpStatus} in {DurationMs:F0} ms")]
    private static partial void LogAttempt(ILogger logger, string operation, string? appId, int attempt, int httpStatus, double durationMs);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "CPaaS {Operation} app_id={AppId} attempt {Attempt}: {Failure} after {DurationMs:F0} ms")]
    private static partial void LogAttemptFailed(ILogger logger, string operation, string? appId, int attempt, string failure, double durationMs);
}

using System.Net;
using System.Text.Json;
using Cpaas.Client.Api;
using Cpaas.Client.Diagnostics;
using Cpaas.Client.Errors;
using Cpaas.Client.Http;
using Cpaas.Client.Models;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using Refit;

namespace Cpaas.Client;

/// <summary>
/// <see cref="ICpaasClient"/> over the Refit <see cref="ICpaasProjectsApi"/>: builds the request context, reads
/// the CPaaS envelope whatever the HTTP status, turns failures into <see cref="CpaasApiException"/>, and logs
/// and measures each call. Everything else (address, auth, rate limit, retries, timeouts) is in the HTTP pipeline.
/// </summary>
public sealed partial class CpaasClient : ICpaasClient
{
    private readonly ICpaasProjectsApi _api;
    private readonly CpaasClientMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<CpaasClient> _logger;

    public CpaasClient(ICpaasProjectsApi api, CpaasClientMetrics metrics, TimeProvider time, ILogger<CpaasClient> logger)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async Task<ProjectPage> ListProjectsAsync(CpaasAccount account, ProjectListQuery? query, CancellationToken cancellationToken)
    {
        var q = query ?? new ProjectListQuery();
        var (response, servedAt) = await SendAsync(
            new CpaasRequestContext(account, CpaasOperation.ListProjects),
            context => _api.ListProjectsAsync(q.Page, q.PageLength, q.CustomerId, q.SearchBy, q.SearchString, q.OrderBy, q.OrderQualify, context, cancellationToken),
            static _ => null,
            cancellationToken);
        return new ProjectPage(response.Projects ?? [], response.Search, servedAt);
    }

    public async Task<ProjectDetails> GetProjectAsync(CpaasAccount account, string appId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appId);
        var response = await CallAsync(
            new CpaasRequestContext(account, CpaasOperation.GetProject, appId),
            context => _api.GetProjectAsync(appId, context, cancellationToken),
            static r => r.Project is null ? "a project" : null,
            cancellationToken);
        return response.Project!;
    }

    public async Task<ProjectCredentials> AddProjectAsync(CpaasAccount account, ProjectCreateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await CallAsync(
            new CpaasRequestContext(account, CpaasOperation.AddProject),
            context => _api.AddProjectAsync(request, context, cancellationToken),
            static r => string.IsNullOrEmpty(r.Project?.AppId) || string.IsNullOrEmpty(r.Project.AppKey) ? "the new project's app_id and app_key" : null,
            cancellationToken);
        return response.Project!;
    }

    public async Task<ProjectUpdateResult> EditProjectAsync(CpaasAccount account, string appId, ProjectUpdateRequest request, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appId);
        ArgumentNullException.ThrowIfNull(request);
        var response = await CallAsync(
            new CpaasRequestContext(account, CpaasOperation.EditProject, appId),
            context => _api.EditProjectAsync(appId, request, context, cancellationToken),
            static _ => null,
            cancellationToken);
        return new ProjectUpdateResult(response.User ?? response.Project, response.Msg);
    }

    public async Task<ProjectCredentials> ResetKeyAsync(CpaasAccount account, string appId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appId);
        var response = await CallAsync(
            new CpaasRequestContext(account, CpaasOperation.ResetKey, appId),
            context => _api.ResetKeyAsync(appId, context, cancellationToken),
            static r => string.IsNullOrEmpty(r.Project?.AppKey) ? "the new app_key" : null,
            cancellationToken);
        var project = response.Project!;
        return string.IsNullOrEmpty(project.AppId) ? project with { AppId = appId } : project;
    }

    public Task<ProjectUpdateResult> PatchVideoAsync(CpaasAccount account, string appId, VideoSettingsPatch patch, CancellationToken cancellationToken) =>
        PatchAsync(account, appId, CpaasOperation.PatchVideo, patch, (context, p) => _api.PatchVideoAsync(appId, p, context, cancellationToken), cancellationToken);

    public Task<ProjectUpdateResult> PatchVoiceAsync(CpaasAccount account, string appId, VoiceSettingsPatch patch, CancellationToken cancellationToken) =>
        PatchAsync(account, appId, CpaasOperation.PatchVoice, patch, (context, p) => _api.PatchVoiceAsync(appId, p, context, cancellationToken), cancellationToken);

    public Task<ProjectUpdateResult> PatchSmsAsync(CpaasAccount account, string appId, SmsSettings patch, CancellationToken cancellationToken) =>
        PatchAsync(account, appId, CpaasOperation.PatchSms, patch, (context, p) => _api.PatchSmsAsync(appId, p, context, cancellationToken), cancellationToken);

    public async Task<VideoEmbedResult> PatchVideoEmbedAsync(CpaasAccount account, string appId, VideoEmbedPatch patch, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appId);
        ArgumentNullException.ThrowIfNull(patch);
        var response = await CallAsync(
            new CpaasRequestContext(account, CpaasOperation.PatchVideoEmbed, appId),
            context => _api.PatchVideoEmbedAsync(appId, patch, context, cancellationToken),
            static _ => null,
            cancellationToken);
        return new VideoEmbedResult(response.Project, response.Room, response.Msg);
    }

    private async Task<ProjectUpdateResult> PatchAsync<TPatch>(
        CpaasAccount account,
        string appId,
        CpaasOperation operation,
        TPatch patch,
        Func<CpaasRequestContext, TPatch, Task<IApiResponse<ProjectUpdatedResponse>>> send,
        CancellationToken cancellationToken)
        where TPatch : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appId);
        ArgumentNullException.ThrowIfNull(patch);
        var response = await CallAsync(
            new CpaasRequestContext(account, operation, appId),
            context => send(context, patch),
            static _ => null,
            cancellationToken);
        return new ProjectUpdateResult(response.User ?? response.Project, response.Msg);
    }

    /// <summary>
    /// Sends one call and returns its body when it is <c>result: 1</c> and has what <paramref name="missingPayload"/>
    /// requires (it names what is missing, or returns null); otherwise throws the classified error.
    /// </summary>
    private async Task<TResponse> CallAsync<TResponse>(
        CpaasRequestContext context,
        Func<CpaasRequestContext, Task<IApiResponse<TResponse>>> send,
        Func<TResponse, string?> missingPayload,
        CancellationToken cancellationToken)
        where TResponse : CpaasEnvelope =>
        (await SendAsync(context, send, missingPayload, cancellationToken)).Body;

    /// <summary>As <see cref="CallAsync"/>, with the response's HTTP <c>Date</c> (the server's clock), if any.</summary>
    private async Task<(TResponse Body, DateTimeOffset? ServedAt)> SendAsync<TResponse>(
        CpaasRequestContext context,
        Func<CpaasRequestContext, Task<IApiResponse<TResponse>>> send,
        Func<TResponse, string?> missingPayload,
        CancellationToken cancellationToken)
        where TResponse : CpaasEnvelope
    {
        var started = _time.GetTimestamp();
        HttpStatusCode? status = null;
        try
        {
            IApiResponse<TResponse> response;
            try
            {
                response = await send(context);
            }
            catch (ApiRequestException exception) when (!cancellationToken.IsCancellationRequested)
            {
                throw Unwrap(exception, context);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested
                && exception is HttpRequestException or TimeoutRejectedException or OperationCanceledException or IOException)
            {
                // Not wrapped by Refit (for example a timeout surfaced as cancellation): still a transport failure.
                throw CpaasErrorClassifier.FromTransport(context.Operation, exception, context.Sent);
            }

            using (response)
            {
                if (response.HasRequestError(out var requestError))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    throw Unwrap(requestError, context);
                }

                if (response.StatusCode is not { } statusCode)
                {
                    throw CpaasErrorClassifier.FromTransport(context.Operation, new HttpRequestException("No response was received."), context.Sent);
                }

                status = statusCode;
                var body = response.Content;
                if (response.IsSuccessStatusCode && body is null && response.Error is { } readError)
                {
                    // 2xx whose body is not JSON of the expected shape.
                    throw CpaasErrorClassifier.FromTransport(context.Operation, readError.InnerException as JsonException ?? new JsonException(readError.Message), sent: true);
                }

                var envelope = body ?? ReadErrorEnvelope(response.Error);
                if (response.IsSuccessStatusCode && body is { IsSuccess: true })
                {
                    if (missingPayload(body) is { } missing)
                    {
                        throw CpaasErrorClassifier.MalformedSuccess(context.Operation, statusCode, missing);
                    }

                    Completed(context, status, body.Result, started);
                    return (body, response.Headers?.Date);
                }

                if (response.IsSuccessStatusCode && envelope is null)
                {
                    throw CpaasErrorClassifier.MalformedSuccess(context.Operation, statusCode, "a CPaaS response body");
                }

                throw CpaasErrorClassifier.FromResponse(
                    context.Operation,
                    statusCode,
                    envelope,
                    CpaasResilience.RetryAfter(statusCode, response.Headers?.RetryAfter, _time),
                    context.Account);
            }
        }
        catch (CpaasApiException exception)
        {
            Failed(context, exception, started);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _metrics.RecordCall(context.Operation, "canceled", _time.GetElapsedTime(started));
            LogCanceled(_logger, context.Operation.ToWireName(), context.AppId, context.Account.ApiId, context.Attempts, _time.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    private static CpaasApiException Unwrap(ApiRequestException exception, CpaasRequestContext context) =>
        exception.InnerException as CpaasApiException
        ?? CpaasErrorClassifier.FromTransport(context.Operation, exception.InnerException ?? exception, context.Sent);

    private static CpaasEnvelope? ReadErrorEnvelope(ApiExceptionBase? error)
    {
        if (error is not ApiException { Content: { Length: > 0 } content })
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(content, CpaasJsonContext.Default.CpaasEnvelope);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Completed(CpaasRequestContext context, HttpStatusCode? status, string? resultCode, long started)
    {
        var elapsed = _time.GetElapsedTime(started);
        _metrics.RecordCall(context.Operation, "success", elapsed);
        var level = context.Operation is CpaasOperation.ListProjects or CpaasOperation.GetProject ? LogLevel.Debug : LogLevel.Information;
        LogCompleted(_logger, level, context.Operation.ToWireName(), context.AppId, context.Account.ApiId, (int?)status, resultCode, context.Attempts, elapsed.TotalMilliseconds);
    }

    private void Failed(CpaasRequestContext context, CpaasApiException exception, long started)
    {
        var elapsed = _time.GetElapsedTime(started);
        _metrics.RecordCall(context.Operation, ResultTag(exception.Kind), elapsed);
        var level = exception.Kind is CpaasErrorKind.NotFound ? LogLevel.Information : LogLevel.Warning;
        LogFailed(
            _logger,
            level,
            context.Operation.ToWireName(),
            context.AppId,
            context.Account.ApiId,
            (int?)exception.HttpStatus,
            exception.Code,
            exception.Kind,
            exception.OutcomeUnknown,
            context.Attempts,
            elapsed.TotalMilliseconds,
            exception.ApiMessage);
    }

    internal static string ResultTag(CpaasErrorKind kind) => kind switch
    {
        CpaasErrorKind.InvalidInput => "invalid_input",
        CpaasErrorKind.NotFound => "not_found",
        CpaasErrorKind.Credentials => "credentials",
        CpaasErrorKind.Transient => "transient",
        _ => "unknown",
    };

    [LoggerMessage(EventId = 1001, Message = "CPaaS {Operation} app_id={AppId} account={ApiId}: HTTP {HttpStatus} result {ResultCode} after {Attempts} attempt(s) in {DurationMs:F0} ms")]
    private static partial void LogCompleted(ILogger logger, LogLevel level, string operation, string? appId, string apiId, int? httpStatus, string? resultCode, int attempts, double durationMs);

    [LoggerMessage(EventId = 1002, Message = "CPaaS {Operation} app_id={AppId} account={ApiId} failed: HTTP {HttpStatus} result {ResultCode} ({ErrorKind}, outcome unknown: {OutcomeUnknown}) after {Attempts} attempt(s) in {DurationMs:F0} ms: {ApiMessage}")]
    private static partial void LogFailed(ILogger logger, LogLevel level, string operation, string? appId, string apiId, int? httpStatus, string? resultCode, CpaasErrorKind errorKind, bool outcomeUnknown, int attempts, double durationMs, string? apiMessage);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "CPaaS {Operation} app_id={AppId} account={ApiId} canceled by the caller after {Attempts} attempt(s) in {DurationMs:F0} ms")]
    private static partial void LogCanceled(ILogger logger, string operation, string? appId, string apiId, int attempts, double durationMs);
}

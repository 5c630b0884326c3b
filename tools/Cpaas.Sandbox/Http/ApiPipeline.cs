using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Cpaas.Sandbox.Accounts;
using Cpaas.Sandbox.Api;
using Cpaas.Sandbox.Faults;
using Cpaas.Sandbox.Journal;
using Cpaas.Sandbox.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cpaas.Sandbox.Http;

/// <summary>
/// Serves <c>/cpaas/...</c>: route, faults, authentication, rate limit, the operation, post-commit faults, then the
/// journal entry (written before the response leaves) and the response in the configured wire variant.
/// </summary>
internal sealed class ApiPipeline(
    ProjectsApi api,
    AccountRegistry accounts,
    SandboxFaults faults,
    RequestJournal journal,
    WireSettings wire,
    TimeProvider time,
    ILogger logger,
    CancellationToken shutdown)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public async Task HandleAsync(HttpContext context)
    {
        var arrived = time.GetUtcNow();
        var started = time.GetTimestamp();
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, shutdown);
        var request = context.Request;
        var route = ApiRoute.Match(request.Method, request.Path.Value ?? string.Empty);
        var credentials = BasicCredentials.Parse(request.Headers.Authorization);
        var appliedFaults = new List<string>();

        string? body = null;
        Outcome outcome;
        try
        {
            body = await ReadBodyAsync(request, aborted.Token);
            outcome = await ProcessAsync(route, credentials, request, body, appliedFaults, aborted.Token);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The caller went away (or the sandbox is stopping) while the request waited: nothing to send.
            outcome = Outcome.NoResponse(null);
        }
        catch (Exception e)
        {
            // A bug in the sandbox still reaches the journal and the caller, as a 500.
            logger.LogError(e, "The sandbox failed on {Method} {Path}", request.Method, request.Path.Value);
            outcome = Render(CpaasErrors.ServerFault(500));
        }

        var entry = journal.Record(new JournalEntry
        {
            Time = arrived,
            Method = request.Method,
            Path = request.Path.Value + request.QueryString.Value,
            Operation = route?.Operation ?? SandboxOperation.Unknown,
            AppId = outcome.AppId ?? route?.AppId,
            ApiId = credentials?.ApiId,
            UserAgent = request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null,
            Body = SecretMasking.MaskBody(body),
            Status = outcome.Status,
            Result = outcome.Result,
            Fault = appliedFaults.Count == 0 ? null : string.Join(',', appliedFaults),
            Duration = time.GetElapsedTime(started),
        });

        logger.LogInformation(
            "{Method} {Path} {Operation} api_id={ApiId} -> {Status} result={Result} fault={Fault} in {ElapsedMs:F1} ms",
            entry.Method,
            entry.Path,
            entry.Operation.WireName(),
            entry.ApiId,
            entry.Status,
            entry.Result,
            entry.Fault,
            entry.Duration.TotalMilliseconds);

        if (outcome.Body is null)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = outcome.Status;

        // Date on the sandbox's clock, as a real server sends it (whole seconds), so a test can move that clock.
        context.Response.Headers.Date = time.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        foreach (var (name, value) in outcome.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(Utf8.GetBytes(WireJson.Write(outcome.Body)), aborted.Token);
    }

    private async Task<Outcome> ProcessAsync(
        ApiRoute? route,
        BasicCredentials? credentials,
        HttpRequest request,
        string? body,
        List<string> appliedFaults,
        CancellationToken cancellationToken)
    {
        if (route is not { } matched)
        {
            return Render(CpaasErrors.RouteNotFound());
        }

        if (!matched.MethodAllowed)
        {
            return Render(CpaasErrors.MethodNotAllowed());
        }

        var operation = matched.Operation;
        if (faults.Latency > TimeSpan.Zero && faults.InScope(operation))
        {
            appliedFaults.Add(FaultNames.Latency);
            await Task.Delay(faults.Latency, time, cancellationToken);
        }

        if (faults.DrawBurst(operation) is { } burstRetryAfter)
        {
            appliedFaults.Add(FaultNames.RateLimitBurst);
            return Render(CpaasErrors.RateLimited(burstRetryAfter));
        }

        if (faults.DrawTimeout(operation))
        {
            appliedFaults.Add(FaultNames.Timeout);
            await Task.Delay(faults.TimeoutHang, time, cancellationToken);
            return Render(CpaasErrors.GatewayTimeout());
        }

        if (faults.DrawServerError(operation) is { } errorStatus)
        {
            appliedFaults.Add(FaultNames.ServerError);
            return Render(CpaasErrors.ServerFault(errorStatus));
        }

        var account = credentials is { } given ? accounts.Authenticate(given) : null;
        if (account is null)
        {
            return Render(CpaasErrors.InvalidCredentials());
        }

        if (faults.DrawAccountRateLimit(account.ApiId) is { } limitRetryAfter)
        {
            appliedFaults.Add(FaultNames.RateLimited);
            return Render(CpaasErrors.RateLimited(limitRetryAfter));
        }

        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var reply = api.Handle(new ApiRequest(account, operation, matched.AppId, query, body));
        if (!reply.Committed)
        {
            return Render(reply);
        }

        if (faults.HoldFor(operation) is { } hold)
        {
            appliedFaults.Add(FaultNames.HeldAfterCommit);
            try
            {
                await hold.HoldAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Outcome.NoResponse(reply.AppId);
            }
        }

        if (faults.DrawLoseAfterCommit(operation))
        {
            appliedFaults.Add(FaultNames.LostAfterCommit);
            return Outcome.NoResponse(reply.AppId);
        }

        return Render(reply);
    }

    private Outcome Render(ApiReply reply)
    {
        var body = new JsonObject();
        if (reply.Error is not { } error)
        {
            body["result"] = EncodeResult(1);
            foreach (var (key, value) in reply.Payload!)
            {
                body[key] = value?.DeepClone();
            }

            return new Outcome(200, body, "1", reply.AppId, new Dictionary<string, string>());
        }

        body["result"] = EncodeResult(error.Code);
        body[wire.ErrorMessageKey == ErrorMessageKey.Error ? "error" : "msg"] = error.Message;
        if (error.Description is not null)
        {
            body["desc"] = error.Description;
        }

        if (error.Data is not null)
        {
            body["data"] = error.Data.DeepClone();
        }

        var status = error.KeepsHttpStatus || !wire.BusinessErrorsWithHttp200 ? error.HttpStatus : 200;
        return new Outcome(status, body, error.Code.ToString(CultureInfo.InvariantCulture), null, error.Headers);
    }

    private JsonNode EncodeResult(int code) => wire.ResultEncoding == ResultEncoding.String
        ? JsonValue.Create(code.ToString(CultureInfo.InvariantCulture))
        : JsonValue.Create(code);

    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return text.Length == 0 ? null : text;
    }

    /// <summary>What to send: a status and body, or (Body null) an aborted connection.</summary>
    private sealed record Outcome(int Status, JsonObject? Body, string? Result, string? AppId, IReadOnlyDictionary<string, string> Headers)
    {
        public static Outcome NoResponse(string? appId) => new(0, null, null, appId, new Dictionary<string, string>());
    }
}

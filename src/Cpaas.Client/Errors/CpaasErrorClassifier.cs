using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Cpaas.Client.Models;
using Polly.Timeout;

namespace Cpaas.Client.Errors;

/// <summary>Pure mapping from what came back (or did not) to a <see cref="CpaasApiException"/>.</summary>
internal static class CpaasErrorClassifier
{
    /// <summary>The kind of error for an HTTP status and the API's result code (either may be missing).</summary>
    public static CpaasErrorKind Classify(HttpStatusCode? status, int? code)
    {
        var http = (int?)status;
        if (http is 401 or 403)
        {
            return CpaasErrorKind.Credentials;
        }

        switch (code)
        {
            case CpaasResultCodes.InvalidAppId:
                return CpaasErrorKind.NotFound;
            case CpaasResultCodes.InvalidRequest
                or CpaasResultCodes.InvalidCategoryId
                or CpaasResultCodes.ServicesNotIncluded
                or CpaasResultCodes.InvalidPage
                or CpaasResultCodes.InvalidPageNum
                or CpaasResultCodes.InvalidOrderQualify
                or CpaasResultCodes.InvalidSubdomain
                or CpaasResultCodes.SubdomainInUse:
                return CpaasErrorKind.InvalidInput;
            case CpaasResultCodes.InvalidCredentials or 401 or 403:
                // Some EnableX APIs put the HTTP-like code in the envelope and answer 200.
                return CpaasErrorKind.Credentials;
            case 429:
                return CpaasErrorKind.Transient;
        }

        return http switch
        {
            429 or 408 or >= 500 => CpaasErrorKind.Transient,
            // 406 is EnableX's "validation failed".
            400 or 406 or 422 => CpaasErrorKind.InvalidInput,
            // A 404 without a CPaaS code is a wrong route or base URL, not a missing project: calling it
            // NotFound would make the operator conclude the project was deleted.
            _ => CpaasErrorKind.Unknown,
        };
    }

    /// <summary>A response that arrived but is not <c>result: 1</c> (or whose status is not 2xx).</summary>
    public static CpaasApiException FromResponse(
        CpaasOperation operation,
        HttpStatusCode status,
        CpaasEnvelope? envelope,
        TimeSpan? retryAfter,
        CpaasAccount? account)
    {
        var code = envelope?.Result?.Trim();
        var kind = Classify(status, envelope?.ResultCode);
        var apiMessage = SecretRedactor.Redact(envelope?.Message, account);
        var detail = SecretRedactor.Redact(envelope?.Desc, account);
        var outcomeUnknown = !operation.IsIdempotent() && (int)status is >= 500 or 408;

        var message = string.Create(CultureInfo.InvariantCulture, $"CPaaS {operation.ToWireName()} failed: {Describe(kind)} (HTTP {(int)status}");
        if (!string.IsNullOrEmpty(code))
        {
            message += string.Create(CultureInfo.InvariantCulture, $", result {SecretRedactor.Redact(code, account)}");
        }

        message += ")";
        if (!string.IsNullOrWhiteSpace(apiMessage))
        {
            message += ": " + apiMessage;
        }

        if (!string.IsNullOrWhiteSpace(detail))
        {
            message += " - " + detail;
        }

        if (outcomeUnknown)
        {
            message += ". The request may have been applied.";
        }

        return new CpaasApiException(kind, operation, message, status, code, apiMessage, detail, outcomeUnknown, retryAfter);
    }

    /// <summary>A success status and <c>result: 1</c> without the payload the operation promises.</summary>
    public static CpaasApiException MalformedSuccess(CpaasOperation operation, HttpStatusCode status, string missing)
    {
        var outcomeUnknown = !operation.IsIdempotent();
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"CPaaS {operation.ToWireName()} returned HTTP {(int)status} without {missing}.{(outcomeUnknown ? " The request may have been applied." : string.Empty)}");
        return new CpaasApiException(CpaasErrorKind.Unknown, operation, message, status, outcomeUnknown: outcomeUnknown);
    }

    /// <summary>No usable response: timeout, connection failure, unreadable body.</summary>
    public static CpaasApiException FromTransport(CpaasOperation operation, Exception exception, bool sent)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var (kind, what, reachedServer) = exception switch
        {
            TimeoutRejectedException => (CpaasErrorKind.Transient, "timed out", sent),
            TaskCanceledException or OperationCanceledException => (CpaasErrorKind.Transient, "timed out", sent),
            HttpRequestException http when NeverSent(http) => (CpaasErrorKind.Transient, "could not connect", false),
            HttpRequestException => (CpaasErrorKind.Transient, "lost the connection", sent),
            IOException => (CpaasErrorKind.Transient, "lost the connection", sent),
            System.Text.Json.JsonException => (CpaasErrorKind.Unknown, "returned an unreadable response", true),
            _ => (CpaasErrorKind.Unknown, "failed", sent),
        };

        var outcomeUnknown = !operation.IsIdempotent() && reachedServer;
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"CPaaS {operation.ToWireName()} {what} ({exception.GetType().Name}).{(outcomeUnknown ? " The request may have been applied." : string.Empty)}");

        // The inner exception is kept only when it cannot carry the request (and so its Authorization header).
        var inner = exception is TimeoutRejectedException or HttpRequestException or IOException or SocketException ? exception : null;
        return new CpaasApiException(kind, operation, message, outcomeUnknown: outcomeUnknown, innerException: inner);
    }

    private static bool NeverSent(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.NameResolutionError
            or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError
            or HttpRequestError.ProxyTunnelError
        || exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable };

    private static string Describe(CpaasErrorKind kind) => kind switch
    {
        CpaasErrorKind.InvalidInput => "invalid input",
        CpaasErrorKind.NotFound => "not found",
        CpaasErrorKind.Credentials => "credentials rejected",
        CpaasErrorKind.Transient => "temporarily unavailable",
        _ => "unexpected response",
    };
}

using System.Net;

namespace Cpaas.Client.Errors;

/// <summary>
/// A failed CPaaS call, classified. The message names the operation, the HTTP status, the API's result code
/// and its message, never a credential.
/// </summary>
public sealed class CpaasApiException : Exception
{
    public CpaasApiException()
        : this("CPaaS call failed.")
    {
    }

    public CpaasApiException(string message)
        : this(message, null)
    {
    }

    public CpaasApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Kind = CpaasErrorKind.Unknown;
    }

    internal CpaasApiException(
        CpaasErrorKind kind,
        CpaasOperation operation,
        string message,
        HttpStatusCode? httpStatus = null,
        string? code = null,
        string? apiMessage = null,
        string? detail = null,
        bool outcomeUnknown = false,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Operation = operation;
        HttpStatus = httpStatus;
        Code = code;
        ApiMessage = apiMessage;
        Detail = detail;
        OutcomeUnknown = outcomeUnknown;
        RetryAfter = retryAfter;
    }

    public CpaasErrorKind Kind { get; }

    public CpaasOperation Operation { get; }

    /// <summary>The HTTP status, when a response arrived.</summary>
    public HttpStatusCode? HttpStatus { get; }

    /// <summary>The API's <c>result</c> as sent (number or string), when the body had one.</summary>
    public string? Code { get; }

    /// <summary><see cref="Code"/> as an integer, when it is one.</summary>
    public int? NumericCode => int.TryParse(Code, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : null;

    /// <summary>The API's <c>msg</c> (or <c>error</c>), credentials masked.</summary>
    public string? ApiMessage { get; }

    /// <summary>The API's <c>desc</c>, credentials masked.</summary>
    public string? Detail { get; }

    /// <summary>
    /// True when a non-idempotent call (add, reset_key) failed in a way that may have been applied: a timeout or
    /// broken connection after the request was sent, a 5xx, or an unreadable success. The caller must look
    /// before trying again.
    /// </summary>
    public bool OutcomeUnknown { get; }

    /// <summary>How long the server asked to wait (Retry-After), when it did.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>1111: the embed sub-domain belongs to another project.</summary>
    public bool IsSubdomainInUse => NumericCode == CpaasResultCodes.SubdomainInUse;
}

using System.Net;
using k8s.Models;

namespace Controller.Runtime.Client;

/// <summary>
/// A Kubernetes API call answered with an error status. Carries the HTTP status and the API's
/// <see cref="V1Status"/> reason so callers can classify (not found, conflict, gone, forbidden...).
/// </summary>
public class KubeApiException : Exception
{
    public KubeApiException()
    {
    }

    public KubeApiException(string message)
        : base(message)
    {
    }

    public KubeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KubeApiException(HttpStatusCode statusCode, string? reason, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The machine-readable reason of the API's Status (NotFound, Conflict, AlreadyExists, Expired, Gone...).</summary>
    public string? Reason { get; }

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    public bool IsConflict => StatusCode == HttpStatusCode.Conflict;

    public bool IsAlreadyExists => StatusCode == HttpStatusCode.Conflict && Reason == "AlreadyExists";

    /// <summary>410 Gone: the requested resourceVersion is too old (compacted); the informer relists.</summary>
    public bool IsGone => StatusCode == HttpStatusCode.Gone || Reason is "Expired" or "Gone";

    internal static KubeApiException FromStatus(V1Status status)
    {
        var code = status.Code is int c and > 0 ? (HttpStatusCode)c : HttpStatusCode.InternalServerError;
        return new KubeApiException(code, status.Reason, $"Kubernetes API error {(int)code} {status.Reason}: {status.Message}");
    }
}

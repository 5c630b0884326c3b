using System.Text.Json.Nodes;

namespace Cpaas.Sandbox.Api;

/// <summary>
/// An error as the API reports it: <c>result</c> code, message, description, optional data, and the HTTP status it
/// comes with. <see cref="KeepsHttpStatus"/> errors (credentials, rate limits, server faults, unknown routes) keep
/// their status even when business errors are configured to come with HTTP 200.
/// </summary>
internal sealed record ApiError(
    int Code,
    int HttpStatus,
    string Message,
    string? Description = null,
    JsonObject? Data = null,
    bool KeepsHttpStatus = false)
{
    /// <summary>Headers to add (Retry-After, WWW-Authenticate).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

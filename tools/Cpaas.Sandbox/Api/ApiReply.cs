using System.Text.Json.Nodes;

namespace Cpaas.Sandbox.Api;

/// <summary>What an operation answered: a success payload (the keys after <c>result</c>) or an error.</summary>
internal sealed class ApiReply
{
    private ApiReply(JsonObject? payload, ApiError? error, bool committed, string? appId)
    {
        Payload = payload;
        Error = error;
        Committed = committed;
        AppId = appId;
    }

    public JsonObject? Payload { get; }

    public ApiError? Error { get; }

    /// <summary>True when the operation changed the store (the point after which a lost response matters).</summary>
    public bool Committed { get; }

    /// <summary>The project the request was about, when it resolved to one (for the journal).</summary>
    public string? AppId { get; }

    public static ApiReply Success(JsonObject payload, bool committed = false, string? appId = null) =>
        new(payload, null, committed, appId);

    public static ApiReply Failure(ApiError error) => new(null, error, false, null);

    public static implicit operator ApiReply(ApiError error) => Failure(error);
}

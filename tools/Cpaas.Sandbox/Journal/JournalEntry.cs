using Cpaas.Sandbox.Api;

namespace Cpaas.Sandbox.Journal;

/// <summary>
/// One request as the sandbox saw it. <see cref="Body"/> has every secret value masked; responses are not kept
/// (they carry app keys). <see cref="Status"/> is 0 when no response was sent (lost after commit, client gone).
/// </summary>
public sealed record JournalEntry
{
    public long Sequence { get; init; }

    /// <summary>When the request arrived.</summary>
    public DateTimeOffset Time { get; init; }

    public required string Method { get; init; }

    /// <summary>Path and query string.</summary>
    public required string Path { get; init; }

    public SandboxOperation Operation { get; init; }

    public string? AppId { get; init; }

    /// <summary>The api_id the request authenticated as (or claimed, when authentication failed).</summary>
    public string? ApiId { get; init; }

    public string? UserAgent { get; init; }

    public string? Body { get; init; }

    public int Status { get; init; }

    /// <summary>The envelope's result code as text ("1" for success), null when no envelope was sent.</summary>
    public string? Result { get; init; }

    /// <summary>The injected fault, if any: see <see cref="Faults.FaultNames"/>.</summary>
    public string? Fault { get; init; }

    public TimeSpan Duration { get; init; }
}

namespace Cpaas.Sandbox.Journal;

/// <summary>
/// A change made outside the API (<see cref="Portal.SandboxPortal"/>), journaled apart from the API calls so that
/// counting calls never counts it. <see cref="Sequence"/> is shared with <see cref="JournalEntry.Sequence"/>, so the
/// two tell the order of events together.
/// </summary>
public sealed record OutOfBandChange
{
    public long Sequence { get; init; }

    public DateTimeOffset Time { get; init; }

    public required string AppId { get; init; }

    /// <summary><c>edit</c>, <c>video</c>, <c>voice</c>, <c>sms</c> or <c>reset_key</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The top-level keys changed (never values: a section may hold passwords).</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>Whether the change moved the project's updated_at.</summary>
    public bool UpdatedAtMoved { get; init; }
}

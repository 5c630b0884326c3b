namespace Controller.Runtime.Client;

/// <summary>Parameters of one watch call.</summary>
public sealed record WatchRequest
{
    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>Start after this resourceVersion (the list's, or the last event's or bookmark's).</summary>
    public string? ResourceVersion { get; init; }

    public bool AllowBookmarks { get; init; } = true;

    /// <summary>The server ends the watch after this long; the informer then re-watches from its last resourceVersion.</summary>
    public TimeSpan? Timeout { get; init; }
}

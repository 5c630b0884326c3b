namespace Controller.Runtime.Client;

/// <summary>Parameters of one list call (one page).</summary>
public sealed record ListRequest
{
    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>Page size; null lists everything in one response.</summary>
    public int? Limit { get; init; }

    /// <summary>The continue token of the previous page.</summary>
    public string? Continue { get; init; }

    /// <summary>"0" lets the server answer from its watch cache; null asks for a consistent (quorum) read.</summary>
    public string? ResourceVersion { get; init; }
}

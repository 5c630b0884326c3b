namespace Cpaas.Operator.Drift;

/// <summary>Settings of the drift sweep (flags --drift-sweep-interval and --drift-sweep-margin).</summary>
public sealed record DriftSweepOptions
{
    /// <summary>How often each account is swept. Default 1 minute.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How far below the previous complete sweep's start (on the API's clock when its Date header can be read, else the
    /// operator's) a sweep still reads: covers changes stamped before they were committed, clock differences between
    /// API servers and, without a Date header, between the operator and the API. Default 2 minutes.
    /// </summary>
    public TimeSpan Margin { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>page_length of the list requests; null: the API's default.</summary>
    public int? PageLength { get; init; }
}

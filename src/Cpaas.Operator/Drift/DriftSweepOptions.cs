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

    /// <summary>
    /// How long after its last missed-drift report an account's sweeps read every page: one full-observe interval
    /// (--resync-interval), in which every project is observed once (docs/decisions/0042). Default 1 hour.
    /// </summary>
    public TimeSpan TrustAfter { get; init; } = TimeSpan.FromHours(1);

    /// <summary>page_length of the list requests; null: the API's default.</summary>
    public int? PageLength { get; init; }
}

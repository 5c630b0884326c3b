namespace Cpaas.Operator.Drift;

/// <summary>Why an account's sweeps read every page instead of stopping at the high-water mark.</summary>
public enum SweepFallbackReason
{
    /// <summary>The API refused <c>order_by=updated_at</c>.</summary>
    OrderingRefused,

    /// <summary>The list was not in descending updated_at order (the API ignored the ordering).</summary>
    NotOrdered,

    /// <summary>A listed project had no readable updated_at.</summary>
    UnparseableUpdatedAt,

    /// <summary>
    /// A full observe found drift that updated_at did not show (<see cref="UpdatedAtTrust.MarkUnreliable"/>); the
    /// only fallback that ends while the process runs (<see cref="UpdatedAtTrust.TrustAfter"/>, docs/decisions/0042).
    /// </summary>
    MissedDrift,
}

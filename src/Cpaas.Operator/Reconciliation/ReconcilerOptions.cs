namespace Cpaas.Operator.Reconciliation;

/// <summary>Timing of the reconciler's retries that are not per-key backoff.</summary>
public sealed record ReconcilerOptions
{
    /// <summary>How often a resource whose credentials were rejected or are missing is tried again (Secret changes retry at once).</summary>
    public TimeSpan CredentialsRetryInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long deletion keeps retrying a transient CPaaS failure before it completes without the Suspend.</summary>
    public TimeSpan DeletionRetryWindow { get; init; } = TimeSpan.FromMinutes(5);
}

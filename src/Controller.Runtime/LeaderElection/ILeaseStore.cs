namespace Controller.Runtime.LeaderElection;

/// <summary>Reads and writes the election's Lease. A seam for tests.</summary>
public interface ILeaseStore
{
    /// <summary>The lease, or null when it does not exist.</summary>
    Task<LeaseSnapshot?> GetAsync(CancellationToken cancellationToken);

    /// <summary>Creates the lease; false when someone else created it first.</summary>
    Task<bool> TryCreateAsync(LeaseRecord record, CancellationToken cancellationToken);

    /// <summary>Replaces the lease if it is still at <paramref name="resourceVersion"/>; false on conflict.</summary>
    Task<bool> TryUpdateAsync(LeaseRecord record, string resourceVersion, CancellationToken cancellationToken);
}

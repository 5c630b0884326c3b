using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Mapping;

/// <summary>
/// The only reader and the only writer of the applied write-only inputs in status: status.appliedInputDigests
/// (<see cref="AppliedInputDigests"/>), and for one release the previous version's map status.appliedInputHashes,
/// read as it is and dropped by the next status write (docs/decisions/0061-compact-applied-input-digests.md).
/// </summary>
public static class AppliedInputHashesStatus
{
    /// <summary>What status says was applied: the compact form, else the old map, else nothing.</summary>
    public static AppliedInputDigests Read(CpaasProjectStatus? status) =>
        AppliedInputDigests.Decode(status?.AppliedInputDigests, status?.AppliedInputHashes);

    /// <summary>
    /// A copy of <paramref name="status"/> recording <paramref name="hashes"/> as applied, in the compact form only:
    /// a status written by the previous version is migrated by this write (the same digests, no CPaaS call).
    /// </summary>
    public static CpaasProjectStatus With(CpaasProjectStatus status, IReadOnlyDictionary<string, string> hashes)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(hashes);
        return status with { AppliedInputDigests = AppliedInputDigests.Encode(hashes), AppliedInputHashes = null };
    }
}

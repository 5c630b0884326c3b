using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Mapping;

/// <summary>
/// The only reader and the only writer of the applied write-only inputs in status (a codec over the status type): status.appliedInputDigests
/// (<see cref="AppliedInputDigests"/>), and for one release the previous version's map status.appliedInputHashes,
/// read as it is and dropped by the next status write (docs/decisions/0061-compact-applied-input-digests.md).
/// </summary>
public static class AppliedInputStatusCodec
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

    /// <summary>Whether status still holds the previous version's map (written before the upgrade).</summary>
    public static bool NeedsMigration(CpaasProjectStatus? status) => status?.AppliedInputHashes is not null;

    /// <summary>
    /// The previous version's map in the compact form, nothing else changed: the same digests any later write would
    /// record, computed from status alone (no salt, no CPaaS call).
    /// </summary>
    public static CpaasProjectStatus Migrated(CpaasProjectStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.AppliedInputHashes is not { } legacy
            ? status
            : status with { AppliedInputDigests = status.AppliedInputDigests ?? EncodeLegacy(legacy), AppliedInputHashes = null };
    }

    // Entries that are not hashes (edited by hand) are dropped: their inputs are applied again, the safe side.
    private static AppliedInputDigestsStatus? EncodeLegacy(IDictionary<string, string> legacy)
    {
        var readable = legacy
            .Where(pair => AppliedInputDigests.Decode(null, [pair]).Count == 1 && WriteOnlySection(pair.Key))
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        return AppliedInputDigests.Encode(readable);
    }

    private static bool WriteOnlySection(string path) =>
        path.StartsWith("video.", StringComparison.Ordinal) || path.StartsWith("voice.", StringComparison.Ordinal) ||
        path.StartsWith("sms.", StringComparison.Ordinal) || path.StartsWith("embed.", StringComparison.Ordinal);
}

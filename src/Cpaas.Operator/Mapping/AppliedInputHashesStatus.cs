using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Mapping;

/// <summary>
/// The only reader and the only writer of the applied write-only input hashes in status (today the map
/// status.appliedInputHashes): a change of how status stores them is made here and nowhere else.
/// </summary>
public static class AppliedInputHashesStatus
{
    /// <summary>The hashes last applied; null when the status records none.</summary>
    public static IReadOnlyDictionary<string, string>? Read(CpaasProjectStatus? status) =>
        status?.AppliedInputHashes is { } hashes ? hashes.AsReadOnly() : null;

    /// <summary>A copy of <paramref name="status"/> recording <paramref name="hashes"/> as applied.</summary>
    public static CpaasProjectStatus With(CpaasProjectStatus status, IReadOnlyDictionary<string, string> hashes)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(hashes);
        return status with { AppliedInputHashes = hashes.Count == 0 ? null : new Dictionary<string, string>(hashes) };
    }
}

using Cpaas.Client.Models;

namespace Cpaas.Operator.Drift;

/// <summary>What one listed project tells about the resource that manages it: pure, no I/O.</summary>
public static class ProjectAssessment
{
    /// <returns>The finding, or null when the listed project matches what the resource last converged to.</returns>
    public static DriftFinding? Assess(ManagedProject managed, ProjectSummary listed, string account, KeyFingerprint fingerprints, TimeSpan margin)
    {
        ArgumentNullException.ThrowIfNull(managed);
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentNullException.ThrowIfNull(fingerprints);
        var kinds = new HashSet<DriftFindingKind>();
        var changedFields = EditLevelComparison.ChangedFields(managed.Desired, listed);
        if (changedFields.Count > 0)
        {
            kinds.Add(DriftFindingKind.EditLevelDrift);
        }

        if (managed.KeyFingerprint is { } known && !string.IsNullOrEmpty(listed.AppKey) && fingerprints.Of(listed.AppKey) != known)
        {
            kinds.Add(DriftFindingKind.KeyChangedOutOfBand);
        }

        // Without a readable updated_at the list cannot tell; the sweep has already fallen back to full lists.
        var moved = listed.UpdatedAt is { } listedAt && (managed.UpdatedAtAtConverge is not { } convergedAt || listedAt > convergedAt);
        if (moved)
        {
            // No recorded updated_at with an own write: a project the operator created and configured itself.
            var byOwnWrite = kinds.Count == 0
                && managed.LastOwnWriteAt is { } wroteAt
                && listed.UpdatedAt <= wroteAt + margin;
            kinds.Add(byOwnWrite ? DriftFindingKind.UpdatedByOwnWrite : DriftFindingKind.ChangedSinceConverge);
        }

        return kinds.Count == 0
            ? null
            : new DriftFinding(managed.Resource, listed.AppId ?? string.Empty, account, kinds, changedFields, listed.UpdatedAt);
    }
}

using Cpaas.Client.Models;

namespace Cpaas.Operator.Drift;

/// <summary>
/// What one listed project tells about the resource that manages it: pure, no I/O, no clock of its own
/// (docs/decisions/0042-sweep-checks-own-writes-and-regains-trust.md).
/// </summary>
public static class ProjectAssessment
{
    /// <param name="managed">What the resource last converged to.</param>
    /// <param name="listed">The project as the list shows it.</param>
    /// <param name="account">The account's label.</param>
    /// <param name="fingerprints">Fingerprints of the same process as <see cref="ManagedProject.KeyFingerprint"/>.</param>
    /// <param name="previousSweepServedAt">
    /// When the previous complete sweep of the account started on the API's clock (its first page's HTTP Date); null
    /// when that clock could not be read (then <see cref="DriftFindingKind.UpdatedAtUnsettled"/> is never reported).
    /// </param>
    /// <returns>The finding, or null when the listed project matches what the resource last converged to.</returns>
    public static DriftFinding? Assess(ManagedProject managed, ProjectSummary listed, string account, KeyFingerprint fingerprints, DateTimeOffset? previousSweepServedAt)
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
        var recorded = managed.UpdatedAtAtConverge;
        if (managed.LastOwnWriteAt is not null)
        {
            // Moved or not: never taken for the operator's own write without a GET.
            kinds.Add(DriftFindingKind.OwnWriteUnchecked);
        }
        else if (listed.UpdatedAt is { } listedAt && (recorded is not { } convergedAt || listedAt > convergedAt))
        {
            kinds.Add(DriftFindingKind.ChangedSinceConverge);
        }
        else if (kinds.Count == 0 && previousSweepServedAt is { } sweptAt && listed.UpdatedAt is { } sameAt && sameAt == recorded && sameAt >= sweptAt)
        {
            kinds.Add(DriftFindingKind.UpdatedAtUnsettled);
        }

        return kinds.Count == 0
            ? null
            : new DriftFinding(managed.Resource, listed.AppId ?? string.Empty, account, kinds, changedFields, listed.UpdatedAt);
    }
}

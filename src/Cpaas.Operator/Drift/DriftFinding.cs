using Controller.Runtime;

namespace Cpaas.Operator.Drift;

/// <summary>
/// One managed project that needs attention, with every kind that applies. Never carries a key: a changed key is
/// reported by kind only, and the reconciler reads the new key with GET.
/// </summary>
/// <param name="Resource">The CpaasProject to enqueue.</param>
/// <param name="AppId">The project's app id.</param>
/// <param name="Account">The account's label (its api_id), as in the metrics.</param>
/// <param name="Kinds">What was seen.</param>
/// <param name="ChangedFields">For <see cref="DriftFindingKind.EditLevelDrift"/>: the Edit-level fields that differ.</param>
/// <param name="ListedUpdatedAt">The project's updated_at in the list.</param>
public sealed record DriftFinding(
    ObjectKey Resource,
    string AppId,
    string Account,
    IReadOnlySet<DriftFindingKind> Kinds,
    IReadOnlyList<string> ChangedFields,
    DateTimeOffset? ListedUpdatedAt)
{
    public bool Has(DriftFindingKind kind) => Kinds.Contains(kind);
}

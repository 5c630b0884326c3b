using Cpaas.Operator.Entities;
using Cpaas.Operator.Mapping;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// managementPolicy Observe: how the project differs from the spec (docs/RECONCILE.md, "Observe only"). Pure.
/// <see cref="Drifted"/> are the spec paths GET shows with another value; <see cref="NotComparable"/> are the
/// write-only ones GET never shows, which are neither equal nor different as far as anyone can tell. Switching to
/// Manage writes exactly these fields (and nothing else) in one minimal write.
/// </summary>
public sealed record DriftReport(IReadOnlyList<string> Drifted, IReadOnlyList<string> NotComparable, int DriftedTotal, int NotComparableTotal)
{
    public bool InSync => DriftedTotal == 0;

    /// <summary>From the plan Manage would make: its changed fields minus the write-only ones, and every write-only input.</summary>
    public static DriftReport Of(ProjectPlan plan, DesiredProject desired)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(desired);
        var writeOnly = desired.InputHashes.Keys;
        var drifted = plan.ChangedFields.Where(f => !desired.InputHashes.ContainsKey(f)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var notComparable = writeOnly.Order(StringComparer.Ordinal).ToList();
        return new DriftReport(
            [.. drifted.Take(CpaasProjectStatus.MaxReportedFields)],
            [.. notComparable.Take(CpaasProjectStatus.MaxReportedFields)],
            drifted.Count,
            notComparable.Count);
    }

    /// <summary>The Synced condition's message: field names only, never values.</summary>
    public string Describe()
    {
        var text = InSync
            ? "The project equals the spec in every field the API shows (managementPolicy Observe: nothing is written)"
            : $"The project differs from the spec in {DriftedTotal} field(s): {List(Drifted, DriftedTotal)} (managementPolicy Observe: nothing is written; Manage would write them)";
        return NotComparableTotal == 0
            ? text
            : $"{text}; not comparable, the API never shows them: {List(NotComparable, NotComparableTotal)}";
    }

    private static string List(IReadOnlyList<string> shown, int total) =>
        string.Join(", ", shown) + (total > shown.Count ? $" and {total - shown.Count} more" : "");
}

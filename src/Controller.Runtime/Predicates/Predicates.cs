using k8s;
using k8s.Models;

namespace Controller.Runtime.Predicates;

/// <summary>
/// The usual update filters (controller-runtime's predicate package). Each lets create and delete events
/// through and filters updates only. A controller whose own status writes must not wake it uses
/// <see cref="GenerationOrMetadataChanged"/>: the status subresource never bumps metadata.generation.
/// </summary>
public static class Predicates
{
    private static readonly Dictionary<string, string> Empty = [];
    private static readonly HashSet<string> NoKeys = new(StringComparer.Ordinal);

    /// <summary>Updates where metadata.generation changed (spec changes of kinds with a status subresource).</summary>
    public static EventPredicate GenerationChanged { get; } =
        new(update: (o, n) => o.Metadata?.Generation != n.Metadata?.Generation);

    public static EventPredicate AnnotationsChanged { get; } = AnnotationsChangedExcept();

    /// <summary>
    /// Updates where an annotation other than <paramref name="ignoredKeys"/> changed: a controller's own bookkeeping
    /// annotations, written and removed within one reconcile, must not wake it again (a failing reconcile that
    /// writes one would otherwise run in a loop without backoff).
    /// </summary>
    public static EventPredicate AnnotationsChangedExcept(params string[] ignoredKeys)
    {
        ArgumentNullException.ThrowIfNull(ignoredKeys);
        var ignored = ignoredKeys.ToHashSet(StringComparer.Ordinal);
        return new(update: (o, n) => !SameMap(o.Metadata?.Annotations, n.Metadata?.Annotations, ignored));
    }

    public static EventPredicate LabelsChanged { get; } =
        new(update: (o, n) => !SameMap(o.Metadata?.Labels, n.Metadata?.Labels));

    /// <summary>Updates where finalizers or deletionTimestamp changed (deletion started, a finalizer added or removed).</summary>
    public static EventPredicate FinalizersOrDeletionChanged { get; } = FinalizersOrDeletionChangedExcept();

    /// <summary>
    /// Updates where deletionTimestamp or a finalizer other than <paramref name="ignoredFinalizers"/> changed: the
    /// controller's own finalizer, added by its first reconcile, need not wake it a second time.
    /// </summary>
    public static EventPredicate FinalizersOrDeletionChangedExcept(params string[] ignoredFinalizers)
    {
        ArgumentNullException.ThrowIfNull(ignoredFinalizers);
        var ignored = ignoredFinalizers.ToHashSet(StringComparer.Ordinal);
        return new(update: (o, n) =>
            o.Metadata?.DeletionTimestamp != n.Metadata?.DeletionTimestamp
            || !SameList(o.Metadata?.Finalizers, n.Metadata?.Finalizers, ignored));
    }

    /// <summary>Updates where metadata.resourceVersion changed (drops resync-style notifications of an unchanged object).</summary>
    public static EventPredicate ResourceVersionChanged { get; } =
        new(update: (o, n) => !string.Equals(o.Metadata?.ResourceVersion, n.Metadata?.ResourceVersion, StringComparison.Ordinal));

    /// <summary>
    /// Generation, annotations, labels, finalizers or deletion changed: every change a user or another
    /// controller makes, but not a status-only write.
    /// </summary>
    public static EventPredicate GenerationOrMetadataChanged { get; } = GenerationOrMetadataChangedExcept([], []);

    /// <summary>
    /// <see cref="GenerationOrMetadataChanged"/>, blind to the controller's own bookkeeping: the annotations and
    /// finalizers only it writes. Deletion, and every other key, still pass.
    /// </summary>
    public static EventPredicate GenerationOrMetadataChangedExcept(string[] ignoredAnnotationKeys, string[] ignoredFinalizers) =>
        EventPredicate.Or(GenerationChanged, AnnotationsChangedExcept(ignoredAnnotationKeys), LabelsChanged, FinalizersOrDeletionChangedExcept(ignoredFinalizers));

    /// <summary>Lets through only events whose object (the new one for updates) satisfies a condition.</summary>
    public static EventPredicate Filter(Func<IKubernetesObject<V1ObjectMeta>, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return new EventPredicate(condition, (_, n) => condition(n), condition);
    }

    private static bool SameMap(IDictionary<string, string>? a, IDictionary<string, string>? b) => SameMap(a, b, NoKeys);

    private static bool SameMap(IDictionary<string, string>? a, IDictionary<string, string>? b, IReadOnlySet<string> ignored)
    {
        foreach (var (key, value) in a ?? Empty)
        {
            if (!ignored.Contains(key) && (b is null || !b.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        foreach (var key in (b ?? Empty).Keys)
        {
            if (!ignored.Contains(key) && (a is null || !a.ContainsKey(key)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The same items in the same order once the ignored ones are skipped; no allocation (every watch event passes here).</summary>
    private static bool SameList(IList<string>? a, IList<string>? b, IReadOnlySet<string> ignored)
    {
        int i = 0, j = 0;
        var countA = a?.Count ?? 0;
        var countB = b?.Count ?? 0;
        while (true)
        {
            while (i < countA && ignored.Contains(a![i]))
            {
                i++;
            }

            while (j < countB && ignored.Contains(b![j]))
            {
                j++;
            }

            if (i == countA || j == countB)
            {
                return i == countA && j == countB;
            }

            if (!string.Equals(a![i++], b![j++], StringComparison.Ordinal))
            {
                return false;
            }
        }
    }
}

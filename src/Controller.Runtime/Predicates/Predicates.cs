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
    /// <summary>Updates where metadata.generation changed (spec changes of kinds with a status subresource).</summary>
    public static EventPredicate GenerationChanged { get; } =
        new(update: (o, n) => o.Metadata?.Generation != n.Metadata?.Generation);

    public static EventPredicate AnnotationsChanged { get; } =
        new(update: (o, n) => !SameMap(o.Metadata?.Annotations, n.Metadata?.Annotations));

    public static EventPredicate LabelsChanged { get; } =
        new(update: (o, n) => !SameMap(o.Metadata?.Labels, n.Metadata?.Labels));

    /// <summary>Updates where finalizers or deletionTimestamp changed (deletion started, a finalizer added or removed).</summary>
    public static EventPredicate FinalizersOrDeletionChanged { get; } =
        new(update: (o, n) =>
            o.Metadata?.DeletionTimestamp != n.Metadata?.DeletionTimestamp
            || !SameList(o.Metadata?.Finalizers, n.Metadata?.Finalizers));

    /// <summary>Updates where metadata.resourceVersion changed (drops resync-style notifications of an unchanged object).</summary>
    public static EventPredicate ResourceVersionChanged { get; } =
        new(update: (o, n) => !string.Equals(o.Metadata?.ResourceVersion, n.Metadata?.ResourceVersion, StringComparison.Ordinal));

    /// <summary>
    /// Generation, annotations, labels, finalizers or deletion changed: every change a user or another
    /// controller makes, but not a status-only write.
    /// </summary>
    public static EventPredicate GenerationOrMetadataChanged { get; } =
        EventPredicate.Or(GenerationChanged, AnnotationsChanged, LabelsChanged, FinalizersOrDeletionChanged);

    /// <summary>Lets through only events whose object (the new one for updates) satisfies a condition.</summary>
    public static EventPredicate Filter(Func<IKubernetesObject<V1ObjectMeta>, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return new EventPredicate(condition, (_, n) => condition(n), condition);
    }

    private static bool SameMap(IDictionary<string, string>? a, IDictionary<string, string>? b)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0))
        {
            return false;
        }

        if (a is null || b is null)
        {
            return true;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameList(IList<string>? a, IList<string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a is null || b is null || a.SequenceEqual(b, StringComparer.Ordinal));
}

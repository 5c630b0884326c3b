using k8s.Models;

namespace Cpaas.Operator.Reconciliation;

/// <summary>Pure helpers over <c>status.conditions</c> with Kubernetes' semantics: one entry per type, and
/// <c>lastTransitionTime</c> moves only when the status flips.</summary>
public static class ConditionList
{
    public static V1Condition? Find(IEnumerable<V1Condition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.Ordinal));

    public static bool IsTrue(IEnumerable<V1Condition>? conditions, string type) =>
        string.Equals(Find(conditions, type)?.Status, "True", StringComparison.Ordinal);

    /// <summary>Returns a new list with <paramref name="type"/> set; other conditions are kept in order.</summary>
    public static IList<V1Condition> Set(
        IEnumerable<V1Condition>? conditions,
        string type,
        bool status,
        string reason,
        string message,
        long? observedGeneration,
        DateTime now)
    {
        var statusText = status ? "True" : "False";
        var list = conditions?.ToList() ?? [];
        var index = list.FindIndex(c => string.Equals(c.Type, type, StringComparison.Ordinal));
        var previous = index >= 0 ? list[index] : null;
        var transition = previous is not null && string.Equals(previous.Status, statusText, StringComparison.Ordinal)
            ? previous.LastTransitionTime
            : TruncateToSeconds(now);
        var updated = new V1Condition
        {
            Type = type,
            Status = statusText,
            Reason = reason,
            Message = Truncate(message, 32_768),
            ObservedGeneration = observedGeneration,
            LastTransitionTime = transition,
        };
        if (index >= 0)
        {
            list[index] = updated;
        }
        else
        {
            list.Add(updated);
        }

        return list;
    }

    /// <summary>Returns the list without <paramref name="type"/> (the same list when it has none).</summary>
    public static IList<V1Condition>? Remove(IList<V1Condition>? conditions, string type) =>
        conditions is null || Find(conditions, type) is null
            ? conditions
            : [.. conditions.Where(c => !string.Equals(c.Type, type, StringComparison.Ordinal))];

    // metav1.Time has second precision on the wire; keeping it here makes "unchanged" comparisons exact.
    private static DateTime TruncateToSeconds(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}

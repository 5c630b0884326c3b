using Cpaas.Operator.Entities;
using Cpaas.Operator.Entities.Summary;
using k8s.Models;

namespace Cpaas.Operator.Fleet;

/// <summary>
/// The fleet's state at one instant, counted from cached CpaasProjects (a pure function of the objects and the clock):
/// how many projects have each status and reason of the Ready and Synced conditions per namespace, and for the
/// projects that are not Ready, how long the oldest of each namespace and reason has been so.
/// </summary>
public sealed record FleetSnapshot(IReadOnlyDictionary<ConditionCountKey, int> Projects, IReadOnlyDictionary<NotReadyKey, double> OldestNotReadySeconds)
{
    /// <summary>Status and reason of a condition the operator has not written yet (a project it has not reconciled).</summary>
    public const string NotReported = "NotReported";

    public static readonly IReadOnlyList<string> CountedConditions = [WellKnownNames.ConditionTypes.Ready, WellKnownNames.ConditionTypes.Synced];

    public static FleetSnapshot Take(IEnumerable<CpaasProjectSummary> projects, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(projects);
        var counts = new Dictionary<ConditionCountKey, int>();
        var oldest = new Dictionary<NotReadyKey, double>();
        foreach (var project in projects)
        {
            var ns = project.Metadata?.NamespaceProperty ?? string.Empty;
            foreach (var type in CountedConditions)
            {
                var condition = Find(project, type);
                var key = new ConditionCountKey(ns, type, StatusOf(condition), ReasonOf(condition));
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }

            var ready = Find(project, WellKnownNames.ConditionTypes.Ready);
            if (StatusOf(ready) == WellKnownNames.ConditionStatus.True)
            {
                continue;
            }

            // Not Ready since the Ready condition last changed status, or since creation when it was never written.
            var since = ready?.LastTransitionTime ?? project.Metadata?.CreationTimestamp;
            if (since is null)
            {
                continue;
            }

            var seconds = Math.Max(0, (now - new DateTimeOffset(DateTime.SpecifyKind(since.Value, DateTimeKind.Utc))).TotalSeconds);
            var notReady = new NotReadyKey(ns, ReasonOf(ready));
            oldest[notReady] = Math.Max(oldest.GetValueOrDefault(notReady), seconds);
        }

        return new FleetSnapshot(counts, oldest);
    }

    // A loop, not LINQ: a scrape walks every cached project, and a closure and an enumerator per lookup made a
    // scrape at 10,000 projects allocate megabytes.
    private static V1Condition? Find(CpaasProjectSummary project, string type)
    {
        if (project.Status?.Conditions is not { } conditions)
        {
            return null;
        }

        for (var i = 0; i < conditions.Count; i++)
        {
            if (string.Equals(conditions[i].Type, type, StringComparison.Ordinal))
            {
                return conditions[i];
            }
        }

        return null;
    }

    private static string StatusOf(V1Condition? condition) =>
        string.IsNullOrEmpty(condition?.Status) ? WellKnownNames.ConditionStatus.Unknown : condition.Status;

    private static string ReasonOf(V1Condition? condition) =>
        string.IsNullOrEmpty(condition?.Reason) ? NotReported : condition.Reason;
}

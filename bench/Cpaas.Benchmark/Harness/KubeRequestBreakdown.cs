using Kube.Sandbox.Diagnostics;

namespace Cpaas.Benchmark.Harness;

/// <summary>Kubernetes API requests of one user, by verb and by verb + resource.</summary>
public sealed record KubeRequestBreakdown(IReadOnlyDictionary<string, long> ByVerb, IReadOnlyDictionary<string, long> ByVerbAndResource)
{
    private static readonly HashSet<string> WriteVerbs = ["create", "update", "patch", "delete", "deletecollection"];

    public static KubeRequestBreakdown Of(RequestCounters counters, string user)
    {
        ArgumentNullException.ThrowIfNull(counters);
        var mine = counters.Snapshot().Where(p => p.Key.User == user).ToList();
        return new KubeRequestBreakdown(
            mine.GroupBy(p => p.Key.Verb).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(p => p.Value)),
            mine.GroupBy(p => $"{p.Key.Verb} {p.Key.Resource}").OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(p => p.Value)));
    }

    /// <summary>Writes (create, update, patch, delete) by resource, leases left out when asked.</summary>
    public IReadOnlyDictionary<string, long> Writes(bool includeLeases) =>
        ByVerbAndResource
            .Where(p => WriteVerbs.Contains(p.Key.Split(' ')[0]) && (includeLeases || !p.Key.EndsWith(" leases", StringComparison.Ordinal)))
            .ToDictionary(p => p.Key, p => p.Value);

    public long WriteCount(bool includeLeases) => Writes(includeLeases).Values.Sum();
}

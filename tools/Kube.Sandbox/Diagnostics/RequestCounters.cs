using System.Collections.Concurrent;

namespace Kube.Sandbox.Diagnostics;

/// <summary>One counted kind of request.</summary>
public readonly record struct RequestKey(string User, string Verb, string Resource, string UserAgent);

/// <summary>
/// Counts API requests by user, verb, resource (plural, with "/status" for the subresource) and user agent.
/// Used by tests ("exactly one update") and the benchmark ("K8s API writes").
/// </summary>
public sealed class RequestCounters
{
    private static readonly HashSet<string> WriteVerbs = ["create", "update", "patch", "delete", "deletecollection"];

    private readonly ConcurrentDictionary<RequestKey, long> _counts = new();

    internal void Record(RequestKey key) => _counts.AddOrUpdate(key, 1, (_, n) => n + 1);

    public IReadOnlyDictionary<RequestKey, long> Snapshot() => new Dictionary<RequestKey, long>(_counts);

    /// <summary>Requests matching every given filter (null matches anything).</summary>
    public long Count(string? verb = null, string? resource = null, string? user = null, string? userAgentPrefix = null) =>
        _counts.Where(p => (verb is null || p.Key.Verb == verb)
                && (resource is null || p.Key.Resource == resource)
                && (user is null || p.Key.User == user)
                && (userAgentPrefix is null || p.Key.UserAgent.StartsWith(userAgentPrefix, StringComparison.Ordinal)))
            .Sum(p => p.Value);

    /// <summary>create, update, patch, delete and deletecollection requests.</summary>
    public long Writes(string? resource = null, string? user = null) =>
        _counts.Where(p => WriteVerbs.Contains(p.Key.Verb)
                && (resource is null || p.Key.Resource == resource)
                && (user is null || p.Key.User == user))
            .Sum(p => p.Value);

    public void Reset() => _counts.Clear();
}

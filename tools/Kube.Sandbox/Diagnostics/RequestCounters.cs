using System.Collections.Concurrent;

namespace Kube.Sandbox.Diagnostics;

/// <summary>One counted kind of request; <paramref name="FieldManager"/> is the fieldManager query parameter ("" when absent).</summary>
public readonly record struct RequestKey(string User, string Verb, string Resource, string UserAgent, string FieldManager = "");

/// <summary>
/// Counts API requests by user, verb, resource (plural, with "/status" for the subresource), user agent and field manager.
/// Used by tests ("exactly one update") and the benchmark ("K8s API writes").
/// </summary>
public sealed class RequestCounters
{
    private static readonly HashSet<string> WriteVerbs = ["create", "update", "patch", "delete", "deletecollection"];

    private readonly ConcurrentDictionary<RequestKey, long> _counts = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal void Record(RequestKey key)
    {
        _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>
    /// Completes when <paramref name="condition"/> holds, re-checked on every recorded request
    /// (e.g. "kubectl has opened its watch"). Cancel with a deadline.
    /// </summary>
    public async Task WaitUntilAsync(Func<RequestCounters, bool> condition, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(condition);
        while (true)
        {
            Task next;
            lock (_gate)
            {
                next = _changed.Task;
            }

            if (condition(this))
            {
                return;
            }

            await next.WaitAsync(ct);
        }
    }

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

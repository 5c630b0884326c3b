using System.Collections.Concurrent;
using Controller.Runtime;
using Controller.Runtime.Cache;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Entities.Summary;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Which resource holds which project (docs/RECONCILE.md step 6, claims): what the CpaasProject cache shows
/// (status.appId and spec.appId, indexed by <see cref="ProjectIndexes.ByAppId"/>), and the app ids this process
/// recorded itself, which the cache may not show yet: a lagging cache must never look like "no project yet".
/// </summary>
public sealed class ProjectClaims(IReadOnlyCache<CpaasProjectSummary> projects)
{
    private readonly ConcurrentDictionary<ObjectKey, (string Uid, string AppId)> _recorded = new();

    /// <summary>Remembers that status.appId of the resource (this uid) now holds <paramref name="appId"/>.</summary>
    public void Record(CpaasProject resource, string appId)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Metadata.Uid is { } uid)
        {
            _recorded[ObjectKey.From(resource)] = (uid, appId);
        }
    }

    /// <summary>The app id this process recorded for this resource (same uid), if any.</summary>
    public string? RecordedAppId(CpaasProject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Metadata.Uid is { } uid && _recorded.TryGetValue(ObjectKey.From(resource), out var known) && known.Uid == uid
            ? known.AppId
            : null;
    }

    public void Forget(ObjectKey key) => _recorded.TryRemove(key, out _);

    /// <summary>
    /// The resource (namespace/name) that holds <paramref name="appId"/> when it is not <paramref name="resource"/>:
    /// the one whose status already has it, else the oldest claimant (then by namespace/name). Null: this one.
    /// </summary>
    public string? OtherOwner(string appId, CpaasProject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var claimants = projects.ByIndex(ProjectIndexes.ByAppId, appId)
            .Where(p => p.Metadata.DeletionTimestamp is null || p.Metadata.Uid == resource.Metadata.Uid)
            .ToList();
        if (claimants.Count <= 1)
        {
            return null;
        }

        var owner = claimants
            .OrderBy(p => string.Equals(p.Status?.AppId, appId, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(p => p.Metadata.CreationTimestamp ?? DateTime.MaxValue)
            .ThenBy(p => p.Metadata.NamespaceProperty, StringComparer.Ordinal)
            .ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .First();
        return owner.Metadata.Uid == resource.Metadata.Uid ? null : $"{owner.Metadata.NamespaceProperty}/{owner.Metadata.Name}";
    }

    /// <summary>Whether any other resource holds or asks for <paramref name="appId"/>.</summary>
    public bool IsClaimedByAnother(string appId, CpaasProject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return projects.ByIndex(ProjectIndexes.ByAppId, appId).Any(p => p.Metadata.Uid != resource.Metadata.Uid);
    }
}

using System.Collections.Concurrent;
using Controller.Runtime;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// The resources (by uid) whose project was suspended for their deletion, so a finalizer removal that has to be
/// retried (a 409 on a stale copy) does not suspend the project a second time.
/// </summary>
public sealed class SuspendedForDeletionMemory
{
    private readonly ConcurrentDictionary<ObjectKey, string> _suspended = new();

    public void Record(ObjectKey key, string? uid)
    {
        if (uid is not null)
        {
            _suspended[key] = uid;
        }
    }

    public bool Contains(ObjectKey key, string? uid) =>
        uid is not null && _suspended.TryGetValue(key, out var known) && known == uid;

    public void Forget(ObjectKey key) => _suspended.TryRemove(key, out _);
}

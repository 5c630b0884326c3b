using System.Collections.Concurrent;
using Controller.Runtime;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// What this process last converged for each resource (<see cref="ConvergedState"/>). A reconcile that finds it
/// unchanged (typically one the operator's own writes triggered, even before the informer cache caught up with
/// them) needs no CPaaS call until its next observe is due. Lost on restart by design.
/// </summary>
public sealed class ConvergedMemory
{
    private readonly ConcurrentDictionary<ObjectKey, ConvergedState> _entries = new();

    public bool TryGet(ObjectKey key, out ConvergedState state) => _entries.TryGetValue(key, out state!);

    public void Record(ObjectKey key, ConvergedState state) => _entries[key] = state;

    public void Forget(ObjectKey key) => _entries.TryRemove(key, out _);
}

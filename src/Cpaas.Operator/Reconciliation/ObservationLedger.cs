using System.Collections.Concurrent;
using Controller.Runtime;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// What this process knows about each resource between reconciles: when its project is next due for a drift
/// check, and the connection Secret version it last wrote or verified. Lets a reconcile that the operator's own
/// writes triggered finish without any CPaaS call. Lost on restart by design: a new process spreads the first
/// drift checks of converged resources over one resync interval.
/// </summary>
public sealed class ObservationLedger
{
    private readonly ConcurrentDictionary<ObjectKey, Entry> entries = new();

    public bool TryGet(ObjectKey key, out DateTimeOffset nextCheckAt, out string? verifiedSecretVersion)
    {
        if (entries.TryGetValue(key, out var entry))
        {
            nextCheckAt = entry.NextCheckAt;
            verifiedSecretVersion = entry.VerifiedSecretVersion;
            return true;
        }

        nextCheckAt = default;
        verifiedSecretVersion = null;
        return false;
    }

    public void Record(ObjectKey key, DateTimeOffset nextCheckAt, string? verifiedSecretVersion) =>
        entries[key] = new Entry(nextCheckAt, verifiedSecretVersion);

    public void Forget(ObjectKey key) => entries.TryRemove(key, out _);

    private sealed record Entry(DateTimeOffset NextCheckAt, string? VerifiedSecretVersion);
}

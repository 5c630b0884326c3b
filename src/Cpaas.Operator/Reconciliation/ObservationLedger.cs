using System.Collections.Concurrent;
using Controller.Runtime;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// What this process last converged for a resource: the generation, the write-only input hashes, the rotation
/// token and the connection Secret version it wrote or verified, and when the project is next due for a drift
/// check. A reconcile that finds all of these unchanged (typically one the operator's own writes triggered, even
/// before the informer cache caught up with them) ends without any CPaaS call. Lost on restart by design.
/// </summary>
public sealed class ObservationLedger
{
    private readonly ConcurrentDictionary<ObjectKey, ConvergedState> entries = new();
    private readonly ConcurrentDictionary<ObjectKey, (string Uid, string AppId)> appIds = new();
    private readonly ConcurrentDictionary<ObjectKey, (string Uid, long? Generation, string Fingerprint)> terminal = new();

    public bool TryGet(ObjectKey key, out ConvergedState state) => entries.TryGetValue(key, out state!);

    public void Record(ObjectKey key, ConvergedState state) => entries[key] = state;

    /// <summary>Drops the converged state (the next reconcile observes); the known app id stays.</summary>
    public void Forget(ObjectKey key) => entries.TryRemove(key, out _);

    /// <summary>Drops everything about the key (the resource is gone).</summary>
    public void ForgetAll(ObjectKey key)
    {
        entries.TryRemove(key, out _);
        appIds.TryRemove(key, out _);
        terminal.TryRemove(key, out _);
    }

    /// <summary>
    /// The app id this process created or adopted for the resource with <paramref name="uid"/>: used when the
    /// informer cache has not yet caught up with the status write, so a stale cache never looks like "no project yet".
    /// </summary>
    public void RememberAppId(ObjectKey key, string uid, string appId) => appIds[key] = (uid, appId);

    public string? KnownAppId(ObjectKey key, string? uid) =>
        uid is not null && appIds.TryGetValue(key, out var known) && known.Uid == uid ? known.AppId : null;

    /// <summary>Remembers that this generation with these inputs failed for a reason only a spec change can fix.</summary>
    public void RecordTerminal(ObjectKey key, string uid, long? generation, string fingerprint) => terminal[key] = (uid, generation, fingerprint);

    public bool IsKnownTerminal(ObjectKey key, string? uid, long? generation, string fingerprint) =>
        terminal.TryGetValue(key, out var known) && known.Uid == uid && known.Generation == generation && known.Fingerprint == fingerprint;

    public void ClearTerminal(ObjectKey key) => terminal.TryRemove(key, out _);
}

/// <summary>The state a resource converged to, as the ledger remembers it (hashes only, never values).</summary>
public sealed record ConvergedState(
    long? Generation,
    IReadOnlyDictionary<string, string> InputHashes,
    string? RotationToken,
    string SecretName,
    string? SecretVersion,
    DateTimeOffset NextCheckAt)
{
    /// <summary>True when nothing the spec asks for or the Secret holds has changed since.</summary>
    public bool Matches(long? generation, IReadOnlyDictionary<string, string> inputHashes, string? rotationToken, string secretName, string? secretVersion) =>
        Generation == generation &&
        string.Equals(RotationToken, rotationToken, StringComparison.Ordinal) &&
        string.Equals(SecretName, secretName, StringComparison.Ordinal) &&
        secretVersion is not null && string.Equals(SecretVersion, secretVersion, StringComparison.Ordinal) &&
        InputHashes.Count == inputHashes.Count &&
        InputHashes.All(kv => inputHashes.TryGetValue(kv.Key, out var other) && string.Equals(kv.Value, other, StringComparison.Ordinal));
}

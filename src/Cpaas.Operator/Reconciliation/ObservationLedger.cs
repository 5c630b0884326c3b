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
    private readonly ConcurrentDictionary<ObjectKey, ConvergedState> _entries = new();
    private readonly ConcurrentDictionary<ObjectKey, (string Uid, string AppId)> _appIds = new();
    private readonly ConcurrentDictionary<ObjectKey, (string Uid, long? Generation, string Fingerprint)> _terminal = new();
    private readonly ConcurrentDictionary<ObjectKey, string> _suspendedOnDeletion = new();

    public bool TryGet(ObjectKey key, out ConvergedState state) => _entries.TryGetValue(key, out state!);

    public void Record(ObjectKey key, ConvergedState state) => _entries[key] = state;

    /// <summary>Drops the converged state (the next reconcile observes); the known app id stays.</summary>
    public void Forget(ObjectKey key) => _entries.TryRemove(key, out _);

    /// <summary>Drops everything about the key (the resource is gone).</summary>
    public void ForgetAll(ObjectKey key)
    {
        _entries.TryRemove(key, out _);
        _appIds.TryRemove(key, out _);
        _terminal.TryRemove(key, out _);
        _suspendedOnDeletion.TryRemove(key, out _);
    }

    /// <summary>
    /// Remembers that the project of the resource with <paramref name="uid"/> was suspended for its deletion, so a
    /// finalizer removal that has to be retried (a 409 on a stale copy) does not suspend it a second time.
    /// </summary>
    public void RecordSuspendedOnDeletion(ObjectKey key, string uid) => _suspendedOnDeletion[key] = uid;

    public bool WasSuspendedOnDeletion(ObjectKey key, string? uid) =>
        uid is not null && _suspendedOnDeletion.TryGetValue(key, out var known) && known == uid;

    /// <summary>
    /// The app id this process created or adopted for the resource with <paramref name="uid"/>: used when the
    /// informer cache has not yet caught up with the status write, so a stale cache never looks like "no project yet".
    /// </summary>
    public void RememberAppId(ObjectKey key, string uid, string appId) => _appIds[key] = (uid, appId);

    public string? KnownAppId(ObjectKey key, string? uid) =>
        uid is not null && _appIds.TryGetValue(key, out var known) && known.Uid == uid ? known.AppId : null;

    /// <summary>Remembers that this generation with these inputs failed for a reason only a spec change can fix.</summary>
    public void RecordTerminal(ObjectKey key, string uid, long? generation, string fingerprint) => _terminal[key] = (uid, generation, fingerprint);

    public bool IsKnownTerminal(ObjectKey key, string? uid, long? generation, string fingerprint) =>
        _terminal.TryGetValue(key, out var known) && known.Uid == uid && known.Generation == generation && known.Fingerprint == fingerprint;

    public void ClearTerminal(ObjectKey key) => _terminal.TryRemove(key, out _);
}

/// <summary>
/// The state a resource converged to, as the ledger remembers it. The write-only input hashes are kept as one digest
/// (they are already salted hashes, never values): at 10,000 resources a copy of every per-field hash would cost more
/// memory than the rest of the operator.
/// </summary>
public sealed record ConvergedState(
    long? Generation,
    string InputDigest,
    string? RotationToken,
    string SecretName,
    string? SecretVersion,
    DateTimeOffset NextCheckAt)
{
    public static ConvergedState Of(
        long? generation, IReadOnlyDictionary<string, string> inputHashes, string? rotationToken, string secretName, string? secretVersion, DateTimeOffset nextCheckAt) =>
        new(generation, DigestOf(inputHashes), rotationToken, secretName, secretVersion, nextCheckAt);

    /// <summary>True when nothing the spec asks for or the Secret holds has changed since.</summary>
    public bool Matches(long? generation, IReadOnlyDictionary<string, string> inputHashes, string? rotationToken, string secretName, string? secretVersion) =>
        Generation == generation &&
        string.Equals(RotationToken, rotationToken, StringComparison.Ordinal) &&
        string.Equals(SecretName, secretName, StringComparison.Ordinal) &&
        secretVersion is not null && string.Equals(SecretVersion, secretVersion, StringComparison.Ordinal) &&
        string.Equals(InputDigest, DigestOf(inputHashes), StringComparison.Ordinal);

    /// <summary>SHA-256 over the (field, hash) pairs in ordinal order: equal for equal maps, whatever their order.</summary>
    internal static string DigestOf(IReadOnlyDictionary<string, string> inputHashes)
    {
        ArgumentNullException.ThrowIfNull(inputHashes);
        if (inputHashes.Count == 0)
        {
            return string.Empty;
        }

        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var (field, value) in inputHashes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(field));
            hash.AppendData([0]);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(value));
            hash.AppendData([(byte)'\n']);
        }

        return Convert.ToBase64String(hash.GetHashAndReset());
    }
}

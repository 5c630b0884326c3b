using System.Collections.Concurrent;
using Controller.Runtime;
using k8s.Models;

namespace Cpaas.Operator.Secrets;

/// <summary>
/// Read-your-writes for the connection Secrets (an "expectation", as Kubernetes' own controllers keep them): the
/// Secret as this process last created or replaced it, until the label-selected informer has caught up with that
/// write. Without it, a reconcile that runs between the write and the watch event (one the write's own status or
/// metadata change queued) finds no Secret or an older one, and observes or writes again for nothing.
/// <list type="bullet">
/// <item>any event of the informer for the key ends the expectation (events arrive in order, so the write's own
/// event comes first), and so does a cached copy with the written resourceVersion;</item>
/// <item>an expectation older than <see cref="Expiry"/> is dropped unused: if the event was lost (a relist that
/// missed a Secret created and deleted in between), the cache is trusted again.</item>
/// </list>
/// Holds one entry per write in flight, not per Secret. Thread-safe.
/// </summary>
public sealed class RecentSecretWrites(TimeProvider time)
{
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<ObjectKey, (V1Secret Secret, DateTimeOffset At)> _written = new();

    public int Count => _written.Count;

    public void Wrote(V1Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        _written[ObjectKey.From(secret)] = (secret, time.GetUtcNow());
    }

    /// <summary>The informer reported the key: its cache is at or past the write.</summary>
    public void Seen(ObjectKey key) => _written.TryRemove(key, out _);

    /// <summary>What to use for <paramref name="key"/> given what the cache holds.</summary>
    public V1Secret? Current(ObjectKey key, V1Secret? cached)
    {
        if (!_written.TryGetValue(key, out var write))
        {
            return cached;
        }

        if (string.Equals(cached?.Metadata?.ResourceVersion, write.Secret.Metadata?.ResourceVersion, StringComparison.Ordinal) ||
            time.GetUtcNow() - write.At > Expiry)
        {
            _written.TryRemove(KeyValuePair.Create(key, write));
            return cached;
        }

        return write.Secret;
    }
}

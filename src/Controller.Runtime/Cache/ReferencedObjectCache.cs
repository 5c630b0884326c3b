using Controller.Runtime.Client;
using Controller.Runtime.Informers;
using Controller.Runtime.Resources;
using k8s;
using k8s.Models;

namespace Controller.Runtime.Cache;

/// <summary>
/// Objects read on demand and kept only while something references them (Secrets a custom resource points at):
/// <list type="bullet">
/// <item>referrers declare what they reference: from their informer's objects (<see cref="TrackReferrers{TReferrer}"/>),
/// or themselves (<see cref="SetReferences"/>, when the informer does not cache what names the references) with
/// their informer's deletes releasing it (<see cref="ReleaseReferrersOnDelete{TReferrer}"/>); an object nobody
/// references is never kept, and is dropped the moment its last referrer lets go;</item>
/// <item><see cref="GetAsync"/> answers from memory when the kept copy's resourceVersion is the one the metadata-only
/// informer of the kind holds, and otherwise reads it with one GET (an object the synced metadata cache does not
/// hold does not exist: no GET);</item>
/// <item>the metadata informer's events drop kept copies that changed or were deleted, so no stale data lingers.</item>
/// </list>
/// The metadata informer must cover at least the objects referenced (same namespaces, no narrower selector).
/// Thread-safe. Objects returned are shared: treat them as read-only.
/// </summary>
public sealed class ReferencedObjectCache<T> : IResourceEventHandler<PartialObjectMetadata>, IDisposable
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _gate = new();
    private readonly IObjectReader<T> _reader;
    private readonly IReadOnlyCache<PartialObjectMetadata> _metadata;
    private readonly Func<T, T>? _transform;
    // A referrer references a few objects: an array, not a set, per referrer (10,000 referrers hold 10,000 of them).
    private readonly Dictionary<ObjectKey, ObjectKey[]> _referencesByReferrer = [];
    private readonly Dictionary<ObjectKey, Entry> _entries = [];
    private readonly List<IDisposable> _registrations = [];

    /// <param name="reader">Reads one object (a <see cref="ResourceClient{T}"/>).</param>
    /// <param name="metadata">The metadata-only informer of the same kind (<c>Manager.GetMetadataInformer</c>).</param>
    /// <param name="transform">Applied to each object read before it is kept (strip managedFields, say).</param>
    public ReferencedObjectCache(IObjectReader<T> reader, Informer<PartialObjectMetadata> metadata, Func<T, T>? transform = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(metadata);
        _reader = reader;
        _metadata = metadata.Cache;
        _transform = transform;
        _registrations.Add(metadata.AddEventHandler(this));
    }

    /// <summary>Objects referenced by at least one referrer.</summary>
    public int ReferencedCount
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Objects whose content is held in memory now.</summary>
    public int CachedCount
    {
        get
        {
            lock (_gate)
            {
                return _entries.Values.Count(e => e.Value is not null);
            }
        }
    }

    /// <summary>True when the content of <paramref name="key"/> is held in memory now.</summary>
    public bool Holds(ObjectKey key)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(key, out var entry) && entry.Value is not null;
        }
    }

    /// <summary>The referrers of an object: what to reconcile when it changes (use as the map of a metadata watch).</summary>
    public IReadOnlyList<ObjectKey> ReferrersOf(ObjectKey key)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(key, out var entry) ? [.. entry.Referrers] : [];
        }
    }

    /// <summary>Replaces what <paramref name="referrer"/> references; objects left without referrers are dropped.</summary>
    public void SetReferences(ObjectKey referrer, IEnumerable<ObjectKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var wanted = keys.ToHashSet();
        lock (_gate)
        {
            var previous = _referencesByReferrer.GetValueOrDefault(referrer) ?? [];
            foreach (var gone in previous.Where(k => !wanted.Contains(k)))
            {
                if (_entries.TryGetValue(gone, out var entry) && entry.Referrers.Remove(referrer) && entry.Referrers.Count == 0)
                {
                    _entries.Remove(gone);
                }
            }

            foreach (var added in wanted.Where(k => !previous.Contains(k)))
            {
                if (!_entries.TryGetValue(added, out var entry))
                {
                    entry = new Entry(added);
                    _entries[added] = entry;
                }

                entry.Referrers.Add(referrer);
            }

            if (wanted.Count == 0)
            {
                _referencesByReferrer.Remove(referrer);
            }
            else
            {
                // The entry's own key: one instance of each referenced name, however many referrers name it.
                _referencesByReferrer[referrer] = [.. wanted.Select(k => _entries[k].Key)];
            }
        }
    }

    /// <summary>The referrer is gone: it references nothing any more.</summary>
    public void RemoveReferrer(ObjectKey referrer) => SetReferences(referrer, []);

    /// <summary>
    /// Keeps the references of every object of an informer up to date from its events (adds and updates set them,
    /// deletes remove them). Dispose the result to stop.
    /// </summary>
    public IDisposable TrackReferrers<TReferrer>(Informer<TReferrer> referrers, Func<TReferrer, IEnumerable<ObjectKey>> references)
        where TReferrer : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(referrers);
        ArgumentNullException.ThrowIfNull(references);
        var registration = referrers.AddEventHandler(new ResourceEventHandler<TReferrer>(
            onAdd: (obj, _) => SetReferences(ObjectKey.From(obj), references(obj)),
            onUpdate: (_, obj) => SetReferences(ObjectKey.From(obj), references(obj)),
            onDelete: obj => RemoveReferrer(ObjectKey.From(obj))));
        lock (_gate)
        {
            _registrations.Add(registration);
        }

        return registration;
    }

    /// <summary>
    /// Removes the references of every object deleted from (or leaving) an informer, for referrers that declare
    /// their references with <see cref="SetReferences"/> themselves. Dispose the result to stop.
    /// </summary>
    public IDisposable ReleaseReferrersOnDelete<TReferrer>(Informer<TReferrer> referrers)
        where TReferrer : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(referrers);
        var registration = referrers.AddEventHandler(new ResourceEventHandler<TReferrer>(onDelete: obj => RemoveReferrer(ObjectKey.From(obj))));
        lock (_gate)
        {
            _registrations.Add(registration);
        }

        return registration;
    }

    /// <summary>
    /// The object, from memory when the kept copy is current, otherwise with one GET (kept only while referenced);
    /// null when it does not exist.
    /// </summary>
    public async Task<T?> GetAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var metadata = _metadata.Get(key);
        if (metadata is null && _metadata.HasSynced)
        {
            return null;
        }

        Entry? entry;
        long epoch;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out entry))
            {
                if (entry.Value is { } kept && metadata is not null && SameVersion(kept.Metadata, metadata.Metadata))
                {
                    return kept;
                }

                epoch = entry.Epoch;
            }
            else
            {
                epoch = 0;
            }
        }

        var read = await _reader.GetAsync(key, cancellationToken);
        var value = read is null ? null : _transform?.Invoke(read) ?? read;
        if (value is not null && entry is not null)
        {
            lock (_gate)
            {
                // Kept only if still referenced by the same entry and no change was reported while the GET ran.
                if (_entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry) && current.Epoch == epoch)
                {
                    current.Value = value;
                }
            }
        }

        return value;
    }

    public void OnAdd(PartialObjectMetadata obj, bool initialList) => DropIfChanged(obj);

    public void OnUpdate(PartialObjectMetadata oldObj, PartialObjectMetadata newObj) => DropIfChanged(newObj);

    public void OnDelete(PartialObjectMetadata obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        lock (_gate)
        {
            if (_entries.TryGetValue(ObjectKey.From(obj), out var entry))
            {
                entry.Drop();
            }
        }
    }

    public void Dispose()
    {
        IDisposable[] registrations;
        lock (_gate)
        {
            registrations = [.. _registrations];
            _registrations.Clear();
            _entries.Clear();
            _referencesByReferrer.Clear();
        }

        foreach (var registration in registrations)
        {
            registration.Dispose();
        }
    }

    private static bool SameVersion(V1ObjectMeta? kept, V1ObjectMeta? current) =>
        kept?.ResourceVersion is { Length: > 0 } version && string.Equals(version, current?.ResourceVersion, StringComparison.Ordinal);

    private void DropIfChanged(PartialObjectMetadata obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        lock (_gate)
        {
            if (_entries.TryGetValue(ObjectKey.From(obj), out var entry) && !(entry.Value is { } kept && SameVersion(kept.Metadata, obj.Metadata)))
            {
                entry.Drop();
            }
        }
    }

    private sealed class Entry(ObjectKey key)
    {
        public ObjectKey Key { get; } = key;

        public HashSet<ObjectKey> Referrers { get; } = [];

        public T? Value { get; set; }

        /// <summary>Bumped by every reported change, so a GET that raced with one is not kept.</summary>
        public long Epoch { get; private set; }

        public void Drop()
        {
            Value = null;
            Epoch++;
        }
    }
}

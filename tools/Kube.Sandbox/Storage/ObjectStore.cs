using System.Globalization;
using System.Text.Json.Nodes;
using Kube.Sandbox.Http;

namespace Kube.Sandbox.Storage;

/// <summary>What a <see cref="ObjectStore.Mutate"/> callback decides for one key.</summary>
public abstract record Mutation
{
    public static readonly Mutation Keep = new KeepMutation();

    public static Mutation Put(JsonObject obj) => new PutMutation(obj);

    public static readonly Mutation Remove = new RemoveMutation();

    public sealed record KeepMutation : Mutation;

    public sealed record PutMutation(JsonObject Object) : Mutation;

    public sealed record RemoveMutation : Mutation;
}

/// <summary>Outcome of a mutation: the stored object after it (the last state for a removal) and what happened.</summary>
public sealed record MutationResult(StoredObject? Object, StoreEventType? Change);

/// <summary>
/// Versioned, thread-safe object store: one global resourceVersion counter, an event log of bounded length
/// (older resourceVersions are "compacted" and answer 410 Gone), and watch subscriptions fed at commit time.
/// </summary>
public sealed class ObjectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<GroupResource, SortedDictionary<string, StoredObject>> _tables = [];
    private readonly Dictionary<string, StoredObject> _byUid = new(StringComparer.Ordinal);
    private readonly Queue<StoreEvent> _log = new();
    private readonly List<WatchSubscription> _subscriptions = [];
    private readonly int _compactionWindow;
    private long _resourceVersion = 1;
    private long _compactedThrough;

    public ObjectStore(int compactionWindow)
    {
        _compactionWindow = Math.Max(1, compactionWindow);
    }

    public long CurrentResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>Watches or lists from a resourceVersion below this answer 410 Gone.</summary>
    public long CompactedThrough
    {
        get
        {
            lock (_gate)
            {
                return _compactedThrough;
            }
        }
    }

    private static string KeyOf(string @namespace, string name) => @namespace + "/" + name;

    public StoredObject? Get(GroupResource resource, string @namespace, string name)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(resource, out var table) && table.TryGetValue(KeyOf(@namespace, name), out var obj) ? obj : null;
        }
    }

    public StoredObject? FindByUid(string uid)
    {
        lock (_gate)
        {
            return _byUid.GetValueOrDefault(uid);
        }
    }

    /// <summary>Objects of a resource (in one namespace or all), ordered by namespace then name, with the list's resourceVersion.</summary>
    public (IReadOnlyList<StoredObject> Items, long ResourceVersion) List(GroupResource resource, string? @namespace)
    {
        lock (_gate)
        {
            if (!_tables.TryGetValue(resource, out var table))
            {
                return ([], _resourceVersion);
            }

            var items = string.IsNullOrEmpty(@namespace)
                ? table.Values.ToList()
                : table.Values.Where(o => o.Namespace == @namespace).ToList();
            return (items, _resourceVersion);
        }
    }

    public IReadOnlyList<StoredObject> ListEverything()
    {
        lock (_gate)
        {
            return _tables.Values.SelectMany(t => t.Values).ToList();
        }
    }

    public IReadOnlyList<StoredObject> ListNamespace(string @namespace)
    {
        lock (_gate)
        {
            return _tables.Values.SelectMany(t => t.Values).Where(o => o.Namespace == @namespace).ToList();
        }
    }

    /// <summary>
    /// Reads, decides and writes one key atomically. The callback may throw an <see cref="ApiException"/>
    /// to refuse the change; nothing is written then. With <paramref name="dryRun"/> nothing is committed.
    /// </summary>
    public MutationResult Mutate(GroupResource resource, string @namespace, string name, Func<StoredObject?, Mutation> decide, bool dryRun = false)
    {
        lock (_gate)
        {
            if (!_tables.TryGetValue(resource, out var table))
            {
                table = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
                _tables[resource] = table;
            }

            var key = KeyOf(@namespace, name);
            table.TryGetValue(key, out var current);
            var mutation = decide(current);
            switch (mutation)
            {
                case Mutation.PutMutation put:
                    {
                        // A dry run answers with the object as it would be, at its current resourceVersion.
                        var rv = dryRun ? current?.ResourceVersion ?? 0 : _resourceVersion + 1;
                        var stored = StoredObject.From(put.Object, resource, rv);
                        if (dryRun)
                        {
                            return new MutationResult(stored, current is null ? StoreEventType.Added : StoreEventType.Modified);
                        }

                        _resourceVersion = rv;
                        table[key] = stored;
                        if (current is not null && current.Uid != stored.Uid)
                        {
                            _byUid.Remove(current.Uid);
                        }

                        _byUid[stored.Uid] = stored;
                        var type = current is null ? StoreEventType.Added : StoreEventType.Modified;
                        Publish(new StoreEvent(type, stored, current));
                        return new MutationResult(stored, type);
                    }

                case Mutation.RemoveMutation when current is not null:
                    {
                        var rv = dryRun ? _resourceVersion : _resourceVersion + 1;
                        var last = StoredObject.From(current.ToJson(), resource, rv);
                        if (dryRun)
                        {
                            return new MutationResult(current, StoreEventType.Deleted);
                        }

                        _resourceVersion = rv;
                        table.Remove(key);
                        _byUid.Remove(current.Uid);
                        Publish(new StoreEvent(StoreEventType.Deleted, last, current));
                        return new MutationResult(last, StoreEventType.Deleted);
                    }

                default:
                    return new MutationResult(current, null);
            }
        }
    }

    private void Publish(StoreEvent e)
    {
        _log.Enqueue(e);
        while (_log.Count > _compactionWindow)
        {
            _compactedThrough = _log.Dequeue().ResourceVersion;
        }

        foreach (var subscription in _subscriptions)
        {
            if (subscription.Matches(e))
            {
                subscription.Enqueue(new WatchItem(e, 0));
            }
        }
    }

    /// <summary>
    /// Subscribes to changes after <paramref name="fromResourceVersion"/> (replayed from the log), or, when it
    /// is null, to changes from now on with the current objects returned as the initial state.
    /// </summary>
    public (WatchSubscription Subscription, IReadOnlyList<StoredObject> InitialState, long ResourceVersion) Subscribe(GroupResource? resource, string? @namespace, long? fromResourceVersion, bool isInternal = false)
    {
        lock (_gate)
        {
            if (fromResourceVersion is { } from && from < _compactedThrough)
            {
                throw TooOld(from);
            }

            var subscription = new WatchSubscription(resource, @namespace, Unsubscribe) { IsInternal = isInternal };
            IReadOnlyList<StoredObject> initial = [];
            if (fromResourceVersion is { } since)
            {
                foreach (var e in _log)
                {
                    if (e.ResourceVersion > since && subscription.Matches(e))
                    {
                        subscription.Enqueue(new WatchItem(e, 0));
                    }
                }
            }
            else if (resource is { } r)
            {
                initial = _tables.TryGetValue(r, out var table)
                    ? table.Values.Where(o => string.IsNullOrEmpty(@namespace) || o.Namespace == @namespace).ToList()
                    : [];
            }

            _subscriptions.Add(subscription);
            return (subscription, initial, _resourceVersion);
        }
    }

    public ApiException TooOld(long from) =>
        ApiException.Gone(string.Format(CultureInfo.InvariantCulture, "too old resource version: {0} ({1})", from, _compactedThrough));

    /// <summary>Queues a bookmark behind every change already delivered to the subscription.</summary>
    public void RequestBookmark(WatchSubscription subscription)
    {
        lock (_gate)
        {
            subscription.Enqueue(new WatchItem(null, _resourceVersion));
        }
    }

    private void Unsubscribe(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    /// <summary>Ends every client watch (not the sandbox's own controllers); returns how many were open.</summary>
    public int DropWatches()
    {
        lock (_gate)
        {
            var dropped = _subscriptions.Where(s => !s.IsInternal).ToList();
            foreach (var subscription in dropped)
            {
                subscription.Drop();
                _subscriptions.Remove(subscription);
            }

            return dropped.Count;
        }
    }

    /// <summary>Compacts the whole log: every resourceVersion before now answers 410 Gone.</summary>
    public void CompactAll()
    {
        lock (_gate)
        {
            _resourceVersion++;
            _compactedThrough = _resourceVersion;
            _log.Clear();
        }
    }
}

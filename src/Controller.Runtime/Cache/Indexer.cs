using k8s;
using k8s.Models;

namespace Controller.Runtime.Cache;

/// <summary>
/// A thread-safe store of objects by key with secondary indexes (client-go's Indexer). An index maps each object
/// to zero or more string values; <see cref="IReadOnlyCache{T}.ByIndex"/> finds the objects with one value,
/// e.g. "which CpaasProjects reference Secret ns/name".
/// </summary>
public sealed class Indexer<T> : IReadOnlyCache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The built-in index by namespace ("" for cluster-scoped objects).</summary>
    public const string NamespaceIndex = "namespace";

    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectKey, T> _items = [];
    private readonly Dictionary<string, Index> _indexes = new(StringComparer.Ordinal);
    private volatile bool _synced;

    public Indexer()
    {
        _indexes[NamespaceIndex] = new Index(obj => [obj.Metadata?.NamespaceProperty ?? string.Empty]);
    }

    public bool HasSynced => _synced;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Adds a secondary index; existing objects are indexed at once. Index functions must be pure and fast.</summary>
    public void AddIndex(string name, Func<T, IEnumerable<string>> indexFunction)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(indexFunction);
        lock (_gate)
        {
            if (_indexes.ContainsKey(name))
            {
                throw new InvalidOperationException($"The index '{name}' already exists.");
            }

            var index = new Index(indexFunction);
            foreach (var (key, obj) in _items)
            {
                index.Add(key, obj);
            }

            _indexes[name] = index;
        }
    }

    public bool HasIndex(string name)
    {
        lock (_gate)
        {
            return _indexes.ContainsKey(name);
        }
    }

    public T? Get(ObjectKey key)
    {
        lock (_gate)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    public IReadOnlyList<T> List(string? @namespace = null)
    {
        lock (_gate)
        {
            if (@namespace is null)
            {
                return [.. _items.Values];
            }

            return ByIndexLocked(NamespaceIndex, @namespace);
        }
    }

    public IReadOnlyList<T> ByIndex(string indexName, string indexedValue)
    {
        lock (_gate)
        {
            return ByIndexLocked(indexName, indexedValue);
        }
    }

    public IReadOnlyList<ObjectKey> KeysByIndex(string indexName, string indexedValue)
    {
        lock (_gate)
        {
            return [.. IndexOf(indexName).Keys(indexedValue)];
        }
    }

    /// <summary>Stores an object; returns the previous version (null when new).</summary>
    internal T? Upsert(T obj)
    {
        var key = ObjectKey.From(obj);
        lock (_gate)
        {
            var old = _items.GetValueOrDefault(key);
            if (old is not null)
            {
                RemoveFromIndexes(key, old);
            }

            _items[key] = obj;
            foreach (var index in _indexes.Values)
            {
                index.Add(key, obj);
            }

            return old;
        }
    }

    /// <summary>Removes an object; returns the removed version (null when absent).</summary>
    internal T? Remove(ObjectKey key)
    {
        lock (_gate)
        {
            if (!_items.Remove(key, out var old))
            {
                return null;
            }

            RemoveFromIndexes(key, old);
            return old;
        }
    }

    /// <summary>The keys of <paramref name="@namespace"/> (null: all) — used when a relist replaces one namespace's content.</summary>
    internal IReadOnlyList<ObjectKey> Keys(string? @namespace)
    {
        lock (_gate)
        {
            return @namespace is null ? [.. _items.Keys] : [.. IndexOf(NamespaceIndex).Keys(@namespace)];
        }
    }

    internal void MarkSynced() => _synced = true;

    private IReadOnlyList<T> ByIndexLocked(string indexName, string indexedValue)
    {
        var result = new List<T>();
        foreach (var key in IndexOf(indexName).Keys(indexedValue))
        {
            result.Add(_items[key]);
        }

        return result;
    }

    private Index IndexOf(string name) =>
        _indexes.TryGetValue(name, out var index) ? index : throw new ArgumentException($"No index named '{name}'.", nameof(name));

    private void RemoveFromIndexes(ObjectKey key, T obj)
    {
        foreach (var index in _indexes.Values)
        {
            index.Remove(key, obj);
        }
    }

    // Most indexed values name one object (an app id, a uid): those keep a single key, not a set of one, which at
    // 10,000 objects saves a HashSet and its arrays per object.
    private sealed class Index(Func<T, IEnumerable<string>> function)
    {
        private readonly Dictionary<string, ObjectKey> _single = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HashSet<ObjectKey>> _many = new(StringComparer.Ordinal);

        public void Add(ObjectKey key, T obj)
        {
            foreach (var value in function(obj))
            {
                if (_many.TryGetValue(value, out var keys))
                {
                    keys.Add(key);
                }
                else if (!_single.TryGetValue(value, out var only))
                {
                    _single[value] = key;
                }
                else if (only != key)
                {
                    _single.Remove(value);
                    _many[value] = [only, key];
                }
            }
        }

        public void Remove(ObjectKey key, T obj)
        {
            foreach (var value in function(obj))
            {
                if (_single.TryGetValue(value, out var only))
                {
                    if (only == key)
                    {
                        _single.Remove(value);
                    }
                }
                else if (_many.TryGetValue(value, out var keys) && keys.Remove(key) && keys.Count == 1)
                {
                    _many.Remove(value);
                    _single[value] = keys.First();
                }
            }
        }

        public IEnumerable<ObjectKey> Keys(string value) =>
            _single.TryGetValue(value, out var only) ? [only]
            : _many.TryGetValue(value, out var keys) ? keys
            : [];
    }
}

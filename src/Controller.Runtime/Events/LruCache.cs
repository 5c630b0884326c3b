namespace Controller.Runtime.Events;

/// <summary>A small least-recently-used map (not thread-safe).</summary>
internal sealed class LruCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> map = [];
    private readonly LinkedList<(TKey Key, TValue Value)> order = new();

    public int Count => map.Count;

    public bool TryGet(TKey key, out TValue value)
    {
        if (map.TryGetValue(key, out var node))
        {
            order.Remove(node);
            order.AddFirst(node);
            value = node.Value.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        if (map.TryGetValue(key, out var node))
        {
            order.Remove(node);
        }

        map[key] = order.AddFirst((key, value));
        while (map.Count > capacity && order.Last is { } last)
        {
            order.RemoveLast();
            map.Remove(last.Value.Key);
        }
    }

    public void Remove(TKey key)
    {
        if (map.Remove(key, out var node))
        {
            order.Remove(node);
        }
    }
}

namespace Controller.Runtime.Cache;

/// <summary>
/// One shared instance per distinct string, for the strings every cached object of a fleet repeats: apiVersion and
/// kind, namespaces, label and annotation keys, finalizers, owner kinds, condition types and reasons. At 10,000
/// cached objects each repetition costs its own copy otherwise. Bounded: once <see cref="Capacity"/> distinct strings
/// are held, new ones are returned as they are (a pool is for low-cardinality strings, not for names). Thread-safe.
/// </summary>
public sealed class StringPool(int capacity = 4096)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);

    public int Capacity { get; } = capacity;

    public int Count => _strings.Count;

    /// <summary>The pooled instance equal to <paramref name="value"/>, or <paramref name="value"/> itself.</summary>
    public string? Share(string? value) =>
        value is null ? null
        : _strings.TryGetValue(value, out var shared) ? shared
        : _strings.Count < Capacity ? _strings.GetOrAdd(value, value)
        : value;
}

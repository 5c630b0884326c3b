using k8s;
using k8s.Models;

namespace Controller.Runtime.Informers;

/// <summary>What an informer watches and how it reconnects.</summary>
public sealed record InformerOptions<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Namespaces to watch; null or empty: all namespaces (one cluster-wide list/watch).</summary>
    public IReadOnlyList<string>? Namespaces { get; init; }

    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>Page size of the list (limit/continue); null lists in one response.</summary>
    public int? PageSize { get; init; } = 500;

    /// <summary>
    /// Applied to every object before it is cached and handed to handlers, to strip what nobody reads
    /// (managedFields, large annotations) and save memory. Must not change namespace, name or resourceVersion.
    /// </summary>
    public Func<T, T>? Transform { get; init; }

    /// <summary>Lower bound of the server-side watch timeout; each watch picks a random value in [min, 2*min) as client-go does.</summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A watch that delivers nothing, not even a bookmark, for this long is restarted (silent stalls, half-open connections).</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromMinutes(3);

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(800);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After failing this long without recovering, the informer reports its watch as unhealthy (readiness).</summary>
    public TimeSpan UnhealthyAfter { get; init; } = TimeSpan.FromMinutes(1);
}

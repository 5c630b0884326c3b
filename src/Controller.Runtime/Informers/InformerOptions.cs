using k8s;
using k8s.Models;

namespace Controller.Runtime.Informers;

/// <summary>What an informer watches and how it reconnects.</summary>
public sealed record InformerOptions<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>A name for logs and readiness output; null: the kind's resource (e.g. "secrets.v1").</summary>
    public string? Name { get; init; }

    /// <summary>Namespaces to watch; null or empty: all namespaces (one cluster-wide list/watch).</summary>
    public IReadOnlyList<string>? Namespaces { get; init; }

    /// <summary>
    /// Restricts the informer (list, watch, hence the cache) to matching objects, in the API's syntax
    /// (<c>app.kubernetes.io/managed-by=cpaas-operator</c>, <c>shard in (a,b)</c>). An object whose labels stop matching
    /// is reported deleted; one that starts matching, added.
    /// </summary>
    public string? LabelSelector { get; init; }

    /// <summary>Restricts the informer to objects matching this field selector (<c>metadata.name=x</c>, <c>type=Opaque</c> where the kind supports it).</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size of the list (limit/continue); null lists in one response.</summary>
    public int? PageSize { get; init; } = 500;

    /// <summary>
    /// Applied to every object before it is cached and handed to handlers, to strip what nobody reads
    /// (managedFields, large annotations) and save memory. Must not change namespace, name or resourceVersion.
    /// </summary>
    public Func<T, T>? Transform { get; init; }

    /// <summary>
    /// How the list and the watch decode objects; null: the manager's. An informer that caches a summary can decode
    /// only what it keeps (a <see cref="Serialization.KubeJson"/> whose resolver skips the rest), so the parts it would
    /// strip are never built: less garbage while listing thousands of objects, a faster start.
    /// </summary>
    public Serialization.KubeJson? Json { get; init; }

    /// <summary>Lower bound of the server-side watch timeout; each watch picks a random value in [min, 2*min) as client-go does.</summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A watch that delivers nothing, not even a bookmark, for this long is restarted (silent stalls, half-open connections).</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromMinutes(3);

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(800);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After failing this long without recovering, the informer reports its watch as unhealthy (readiness).</summary>
    public TimeSpan UnhealthyAfter { get; init; } = TimeSpan.FromMinutes(1);
}

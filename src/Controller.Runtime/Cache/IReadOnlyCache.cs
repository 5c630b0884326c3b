using k8s;
using k8s.Models;

namespace Controller.Runtime.Cache;

/// <summary>
/// The informer cache a reconciler reads. Objects returned are shared with the cache: treat them as read-only
/// (copy with <see cref="ObjectCopier.DeepCopy{T}"/> before changing one).
/// </summary>
public interface IReadOnlyCache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>True once the initial list has been stored (for every watched namespace).</summary>
    bool HasSynced { get; }

    /// <summary>Number of cached objects.</summary>
    int Count { get; }

    T? Get(ObjectKey key);

    /// <summary>All cached objects, or those of one namespace.</summary>
    IReadOnlyList<T> List(string? @namespace = null);

    /// <summary>The objects whose index function returned <paramref name="indexedValue"/> for the index.</summary>
    IReadOnlyList<T> ByIndex(string indexName, string indexedValue);

    /// <summary>The keys of the objects whose index function returned <paramref name="indexedValue"/>.</summary>
    IReadOnlyList<ObjectKey> KeysByIndex(string indexName, string indexedValue);
}

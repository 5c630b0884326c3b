using k8s;
using k8s.Models;

namespace Controller.Runtime.Cache;

/// <summary>
/// What an informer's transform does to every object's metadata before it is cached: drops managedFields (never read
/// by a controller, often the largest part of an object) and shares the strings the fleet repeats through a
/// <see cref="StringPool"/>. Names, uids and resourceVersions stay as they are: they are unique. Label and
/// annotation values are shared only for the keys the caller names (values known to repeat, such as a managed-by
/// label): other values are often names, which would fill the pool for nothing.
/// </summary>
public static class MetadataSharing
{
    public static T Apply<T>(T obj, StringPool pool, IReadOnlySet<string>? sharedValueKeys = null)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(pool);
        obj.ApiVersion = pool.Share(obj.ApiVersion);
        obj.Kind = pool.Share(obj.Kind);
        if (obj.Metadata is not { } metadata)
        {
            return obj;
        }

        metadata.ManagedFields = null;
        metadata.NamespaceProperty = pool.Share(metadata.NamespaceProperty);
        metadata.Labels = Share(metadata.Labels, pool, sharedValueKeys);
        metadata.Annotations = Share(metadata.Annotations, pool, sharedValueKeys);
        if (metadata.Finalizers is { Count: > 0 } finalizers)
        {
            for (var i = 0; i < finalizers.Count; i++)
            {
                finalizers[i] = pool.Share(finalizers[i])!;
            }
        }

        foreach (var owner in metadata.OwnerReferences ?? [])
        {
            owner.ApiVersion = pool.Share(owner.ApiVersion);
            owner.Kind = pool.Share(owner.Kind);
        }

        return obj;
    }

    private static IDictionary<string, string>? Share(IDictionary<string, string>? map, StringPool pool, IReadOnlySet<string>? sharedValueKeys)
    {
        if (map is not { Count: > 0 })
        {
            return map;
        }

        var shared = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            shared[pool.Share(key)!] = sharedValueKeys?.Contains(key) == true ? pool.Share(value)! : value;
        }

        return shared;
    }
}

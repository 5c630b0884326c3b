using k8s;
using k8s.Models;

namespace Controller.Runtime;

/// <summary>
/// Identifies one object of a kind: namespace (null for cluster-scoped objects) and name.
/// The unit of work of a controller: reconcilers receive a key, never an event.
/// </summary>
public readonly record struct ObjectKey : IComparable<ObjectKey>
{
    public ObjectKey(string? @namespace, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        // "" and null both mean cluster-scoped; normalise so that equality is not fooled by the difference.
        Namespace = string.IsNullOrEmpty(@namespace) ? null : @namespace;
        Name = name;
    }

    public string? Namespace { get; }

    public string Name { get; }

    /// <summary>The key of an object, from its metadata.</summary>
    public static ObjectKey From(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(obj.Metadata);
        return new ObjectKey(obj.Metadata.NamespaceProperty, obj.Metadata.Name);
    }

    /// <summary>Parses "namespace/name" or "name" (the format <see cref="ToString"/> writes).</summary>
    public static ObjectKey Parse(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new ObjectKey(null, value) : new ObjectKey(value[..slash], value[(slash + 1)..]);
    }

    public int CompareTo(ObjectKey other)
    {
        var byNamespace = string.CompareOrdinal(Namespace, other.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(Name, other.Name);
    }

    /// <summary>"namespace/name", or "name" for a cluster-scoped object (client-go's MetaNamespaceKeyFunc).</summary>
    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}

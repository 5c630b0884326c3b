using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Controller.Runtime.Serialization;
using k8s.Models;

namespace Controller.Runtime.Client;

/// <summary>
/// JSON metadata for one page of a list of <typeparamref name="T"/>, built from the item type's own metadata, so no
/// list type needs a <c>[JsonSerializable]</c> entry. With it the serializer reads a page from the response stream
/// in small buffers and builds each item as it arrives: a page of 500 custom resources (megabytes of JSON) is never
/// held whole, as text or as a document, next to the objects made from it.
/// </summary>
internal static class ResourceListJson
{
    public static JsonTypeInfo<ResourceList<T>> Create<T>(KubeJson json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var options = json.Options;
        var metadataInfo = json.TypeInfo<V1ListMeta>();
        var itemsInfo = JsonMetadataServices.CreateIListInfo<IList<T>, T>(options, new JsonCollectionInfoValues<IList<T>>
        {
            ObjectCreator = static () => new List<T>(),
            ElementInfo = json.TypeInfo<T>(),
        });
        return JsonMetadataServices.CreateObjectInfo(options, new JsonObjectInfoValues<ResourceList<T>>
        {
            ObjectCreator = static () => new ResourceList<T>(),
            PropertyMetadataInitializer = _ =>
            [
                Property<T, V1ListMeta>(
                    options,
                    metadataInfo,
                    (nameof(ResourceList<T>.Metadata), "metadata"),
                    static list => ((ResourceList<T>)list).Metadata,
                    static (list, value) => ((ResourceList<T>)list).Metadata = value),
                Property<T, IList<T>>(
                    options,
                    itemsInfo,
                    (nameof(ResourceList<T>.Items), "items"),
                    static list => ((ResourceList<T>)list).Items,
                    static (list, value) => ((ResourceList<T>)list).Items = value),
            ],
        });
    }

    /// <summary>A public read-write property of <see cref="ResourceList{T}"/>: its C# and JSON names, its type's metadata, its accessors.</summary>
    private static JsonPropertyInfo Property<T, TValue>(
        JsonSerializerOptions options,
        JsonTypeInfo<TValue> info,
        (string Name, string JsonName) names,
        Func<object, TValue?> getter,
        Action<object, TValue?> setter) =>
        JsonMetadataServices.CreatePropertyInfo(options, new JsonPropertyInfoValues<TValue?>
        {
            IsProperty = true,
            IsPublic = true,
            DeclaringType = typeof(ResourceList<T>),
            PropertyTypeInfo = info,
            Getter = getter,
            Setter = setter,
            PropertyName = names.Name,
            JsonPropertyName = names.JsonName,
        });
}

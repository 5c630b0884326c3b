using System.Text.Json;
using Controller.Runtime.Serialization;
using k8s.Models;

namespace Controller.Runtime.Client;

/// <summary>
/// Reads one page of a list response for any kind: <c>metadata</c> as <see cref="V1ListMeta"/>, each of
/// <c>items</c> as <typeparamref name="T"/>. Only the item type needs JSON metadata, not every list of it.
/// </summary>
internal static class ResourceListReader
{
    public static ResourceList<T> Read<T>(JsonElement root, KubeJson json)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"A list response is a JSON object, not {root.ValueKind}.");
        }

        var list = new ResourceList<T>();
        if (root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            list.Metadata = json.Deserialize<V1ListMeta>(metadata);
        }

        if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            var read = new List<T>(items.GetArrayLength());
            foreach (var item in items.EnumerateArray())
            {
                read.Add(json.Deserialize<T>(item));
            }

            list.Items = read;
        }

        return list;
    }
}

using System.Text.Json;
using k8s;
using k8s.Models;

namespace Controller.Runtime.Client;

/// <summary>Parses one line of a watch stream: <c>{"type":"ADDED","object":{...}}</c>.</summary>
internal static class WatchEventParser
{
    public static WatchEvent<T> Parse<T>(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var typeName = root.TryGetProperty("type", out var typeElement) ? typeElement.GetString() : null;
        if (!root.TryGetProperty("object", out var objectElement))
        {
            throw new JsonException("A watch event has no object.");
        }

        var type = typeName switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            "ERROR" => WatchEventType.Error,
            _ => throw new JsonException($"Unknown watch event type '{typeName}'."),
        };
        return type == WatchEventType.Error
            ? new WatchEvent<T>(type, default, KubernetesJson.Deserialize<V1Status>(objectElement))
            : new WatchEvent<T>(type, KubernetesJson.Deserialize<T>(objectElement), null);
    }
}

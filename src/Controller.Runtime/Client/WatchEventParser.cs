using System.Text.Json;
using Controller.Runtime.Serialization;
using k8s.Models;

namespace Controller.Runtime.Client;

/// <summary>Parses one line of a watch stream: <c>{"type":"ADDED","object":{...}}</c>.</summary>
internal static class WatchEventParser
{
    public static WatchEvent<T> Parse<T>(string line, KubeJson json)
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
            ? new WatchEvent<T>(type, default, json.Deserialize<V1Status>(objectElement))
            : new WatchEvent<T>(type, json.Deserialize<T>(objectElement), null);
    }
}

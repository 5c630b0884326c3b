using System.Text.Json;
using System.Text.Json.Nodes;
using Kube.Sandbox.Discovery;
using Kube.Sandbox.Http;

namespace Kube.Sandbox.Semantics;

/// <summary>
/// The typed-decoding failures kube-apiserver reports for string maps (YAML's `yes`, `1` or `on` in a ConfigMap,
/// Secret or label value): 400 "cannot be handled as a Kind: json: cannot unmarshal ...".
/// </summary>
public static class BuiltinShapes
{
    public static void Check(ResourceType type, JsonObject obj)
    {
        StringMap(type, obj["metadata"]?["labels"], "ObjectMeta.metadata.labels");
        StringMap(type, obj["metadata"]?["annotations"], "ObjectMeta.metadata.annotations");
        if (type.IsCustom)
        {
            return;
        }

        switch (type.Group, type.Plural)
        {
            case ("", "secrets"):
                StringMap(type, obj["data"], "Secret.data");
                StringMap(type, obj["stringData"], "Secret.stringData");
                break;
            case ("", "configmaps"):
                StringMap(type, obj["data"], "ConfigMap.data");
                StringMap(type, obj["binaryData"], "ConfigMap.binaryData");
                break;
        }
    }

    private static void StringMap(ResourceType type, JsonNode? node, string field)
    {
        if (node is null)
        {
            return;
        }

        if (node is not JsonObject map)
        {
            throw Fail(type, Kind(node), field, "map[string]string");
        }

        foreach (var (_, value) in map)
        {
            if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                throw Fail(type, Kind(value), field, "string");
            }
        }
    }

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "bool",
            _ => "string",
        },
        _ => "value",
    };

    private static ApiException Fail(ResourceType type, string actual, string field, string expected) =>
        ApiException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: json: cannot unmarshal {actual} into Go struct field {field} of type {expected}");
}

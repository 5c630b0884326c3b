using System.Text.Json.Nodes;

namespace Kube.Sandbox.Schema;

/// <summary>
/// Drops fields the structural schema does not specify (what kube-apiserver calls pruning), unless
/// x-kubernetes-preserve-unknown-fields is set. Pruned paths are reported so fieldValidation=Strict can refuse them.
/// </summary>
public static class SchemaPruner
{
    public static void Prune(JsonObject obj, JsonObject schema, List<string> pruned)
    {
        // apiVersion, kind and metadata are always kept at the root (metadata is ObjectMeta, not the schema's).
        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            if (key is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            var properties = schema["properties"] as JsonObject;
            if (properties?[key] is JsonObject propertySchema)
            {
                PruneNode(obj[key], propertySchema, key, pruned);
            }
            else if (!PreservesUnknown(schema) && schema["additionalProperties"] is null)
            {
                obj.Remove(key);
                pruned.Add(key);
            }
        }
    }

    private static bool PreservesUnknown(JsonObject schema) => schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;

    private static void PruneNode(JsonNode? node, JsonObject schema, string path, List<string> pruned)
    {
        switch (node)
        {
            case JsonObject o:
                {
                    if (schema["x-kubernetes-embedded-resource"]?.GetValue<bool>() == true)
                    {
                        // Embedded objects keep their apiVersion/kind/metadata.
                        foreach (var key in o.Select(p => p.Key).ToList())
                        {
                            if (key is "apiVersion" or "kind" or "metadata")
                            {
                                continue;
                            }

                            PruneProperty(o, key, schema, path, pruned);
                        }

                        return;
                    }

                    foreach (var key in o.Select(p => p.Key).ToList())
                    {
                        PruneProperty(o, key, schema, path, pruned);
                    }

                    return;
                }

            case JsonArray a when schema["items"] is JsonObject itemSchema:
                for (var i = 0; i < a.Count; i++)
                {
                    PruneNode(a[i], itemSchema, $"{path}[{i}]", pruned);
                }

                return;
        }
    }

    private static void PruneProperty(JsonObject o, string key, JsonObject schema, string path, List<string> pruned)
    {
        var childPath = $"{path}.{key}";
        if (schema["properties"] is JsonObject properties && properties[key] is JsonObject propertySchema)
        {
            PruneNode(o[key], propertySchema, childPath, pruned);
        }
        else if (schema["additionalProperties"] is JsonObject additional)
        {
            PruneNode(o[key], additional, childPath, pruned);
        }
        else if (schema["additionalProperties"] is JsonValue allowed && allowed.GetValue<bool>())
        {
            // additionalProperties: true keeps everything below.
        }
        else if (!PreservesUnknown(schema))
        {
            o.Remove(key);
            pruned.Add(childPath);
        }
    }
}

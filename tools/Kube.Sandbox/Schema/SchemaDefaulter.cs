using System.Text.Json.Nodes;

namespace Kube.Sandbox.Schema;

/// <summary>Applies schema defaults to absent properties of objects that exist (as kube-apiserver does; defaults never create a parent).</summary>
public static class SchemaDefaulter
{
    public static void Apply(JsonNode? node, JsonObject schema)
    {
        switch (node)
        {
            case JsonObject o:
                if (schema["properties"] is JsonObject properties)
                {
                    foreach (var (name, propertyNode) in properties)
                    {
                        if (propertyNode is not JsonObject propertySchema)
                        {
                            continue;
                        }

                        if (!o.ContainsKey(name) && propertySchema["default"] is { } defaultValue)
                        {
                            o[name] = defaultValue.DeepClone();
                        }

                        if (o[name] is { } child)
                        {
                            Apply(child, propertySchema);
                        }
                    }
                }

                if (schema["additionalProperties"] is JsonObject additional)
                {
                    foreach (var (_, value) in o.ToList())
                    {
                        Apply(value, additional);
                    }
                }

                break;
            case JsonArray a when schema["items"] is JsonObject itemSchema:
                foreach (var item in a)
                {
                    Apply(item, itemSchema);
                }

                break;
        }
    }
}

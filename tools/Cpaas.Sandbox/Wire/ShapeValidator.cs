using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cpaas.Sandbox.Wire;

/// <summary>
/// Checks a request body against the documented request example: every key must be one the example shows at that
/// place, with the JSON type the example gives it. A null is accepted anywhere (it clears the key). Returns the first problem
/// as a sentence naming the key path, or null when the body fits.
/// </summary>
internal static class ShapeValidator
{
    public static string? FirstProblem(JsonNode? value, JsonNode? template, string path)
    {
        if (value is null || value.GetValueKind() == JsonValueKind.Null)
        {
            return null;
        }

        switch (template)
        {
            case JsonObject objectTemplate:
                if (value is not JsonObject valueObject)
                {
                    return $"{Name(path)} must be an object";
                }

                foreach (var (key, child) in valueObject)
                {
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    if (!objectTemplate.TryGetPropertyValue(key, out var childTemplate))
                    {
                        return $"{childPath} is not a known key";
                    }

                    var problem = FirstProblem(child, childTemplate, childPath);
                    if (problem is not null)
                    {
                        return problem;
                    }
                }

                return null;

            case JsonArray arrayTemplate:
                if (value is not JsonArray valueArray)
                {
                    return $"{Name(path)} must be an array";
                }

                var elementTemplate = arrayTemplate.Count > 0 ? arrayTemplate[0] : JsonValue.Create("String");
                for (var i = 0; i < valueArray.Count; i++)
                {
                    var problem = FirstProblem(valueArray[i], elementTemplate, $"{path}[{i}]");
                    if (problem is not null)
                    {
                        return problem;
                    }
                }

                return null;

            default:
                var kind = ShapeLeaf.KindOf(template);
                return ShapeLeaf.Accepts(kind, value) ? null : $"{Name(path)} must be {ShapeLeaf.Describe(kind)}";
        }
    }

    private static string Name(string path) => path.Length == 0 ? "the body" : path;
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cpaas.Operator.Mapping;

/// <summary>
/// PATCH bodies as flat maps from dotted path to leaf (a scalar, or a whole array: arrays are compared and
/// patched as a whole), and back. Null values are absent: an unset field is not managed.
/// </summary>
internal static class JsonLeaves
{
    public static SortedDictionary<string, JsonNode> Flatten(JsonNode? node, string prefix)
    {
        var leaves = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        Collect(node, prefix, leaves);
        return leaves;
    }

    public static JsonObject Unflatten(IEnumerable<KeyValuePair<string, JsonNode>> leaves, string prefix)
    {
        var root = new JsonObject();
        foreach (var (path, value) in leaves)
        {
            var segments = path[(prefix.Length + 1)..].Split('.');
            var parent = root;
            foreach (var segment in segments[..^1])
            {
                if (parent[segment] is not JsonObject child)
                {
                    child = new JsonObject();
                    parent[segment] = child;
                }

                parent = child;
            }

            parent[segments[^1]] = value.DeepClone();
        }

        return root;
    }

    /// <summary>
    /// Whether the actual value satisfies the desired one. Numbers compare by value; arrays need the same length,
    /// and an object item matches when every key the desired item sets has the same value in the actual item
    /// (keys the spec leaves out are not managed, such as GET's extra <c>toll</c>).
    /// </summary>
    public static bool Satisfies(JsonNode desired, JsonNode? actual)
    {
        switch (desired)
        {
            case JsonArray desiredItems:
                return actual is JsonArray actualItems
                    && desiredItems.Count == actualItems.Count
                    && desiredItems.Zip(actualItems).All(pair => pair.First is null ? pair.Second is null : Satisfies(pair.First, pair.Second));
            case JsonObject desiredObject:
                return actual is JsonObject actualObject
                    && desiredObject.All(pair => pair.Value is null || Satisfies(pair.Value, actualObject[pair.Key]));
            default:
                return actual is JsonValue && Canonical(desired) == Canonical(actual);
        }
    }

    /// <summary>A stable text form of a value, for hashing and comparison (numbers normalised).</summary>
    public static string Canonical(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Number => decimal.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number.ToString("G29", CultureInfo.InvariantCulture)
            : node.ToJsonString(),
        _ => node.ToJsonString(),
    };

    private static void Collect(JsonNode? node, string path, SortedDictionary<string, JsonNode> leaves)
    {
        switch (node)
        {
            case null:
                return;
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    Collect(child, $"{path}.{key}", leaves);
                }

                return;
            default:
                leaves[path] = node;
                return;
        }
    }
}

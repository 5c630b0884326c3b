using System.Text.Json.Nodes;

namespace Cpaas.Benchmark.Harness;

/// <summary>The paths of the leaves that differ between two JSON values (diagnostics: which status fields a write changed).</summary>
public static class JsonLeafDiff
{
    public static IReadOnlyList<string> Paths(JsonNode? before, JsonNode? after, string root = "")
    {
        var paths = new List<string>();
        Walk(before, after, root, paths);
        return paths;
    }

    private static void Walk(JsonNode? a, JsonNode? b, string path, List<string> paths)
    {
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (var key in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)).Distinct())
            {
                Walk(oa[key], ob[key], $"{path}.{key}", paths);
            }

            return;
        }

        if (a is JsonArray aa && b is JsonArray ab && aa.Count == ab.Count)
        {
            for (var i = 0; i < aa.Count; i++)
            {
                var label = aa[i] is JsonObject item && item["type"] is JsonValue type ? $"[{type}]" : $"[{i}]";
                Walk(aa[i], ab[i], path + label, paths);
            }

            return;
        }

        if (!JsonNode.DeepEquals(a, b))
        {
            paths.Add(path.Length == 0 ? "." : path);
        }
    }
}

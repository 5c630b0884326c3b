using System.Text.Json.Nodes;

namespace Kube.Sandbox.Discovery;

/// <summary>
/// The JSONPath subset CRD printer columns use: .a.b, .a[0], .a[*], .a[?(@.type=="Ready")].b.
/// Evaluates to the first match, like kube-apiserver's table convertor shows for single values.
/// </summary>
public static class JsonPathExpression
{
    public static JsonNode? Evaluate(JsonNode? root, string path)
    {
        var p = path.Trim();
        if (p.StartsWith('{') && p.EndsWith('}'))
        {
            p = p[1..^1];
        }

        if (p.StartsWith('$'))
        {
            p = p[1..];
        }

        var current = new List<JsonNode?> { root };
        var i = 0;
        while (i < p.Length && current.Count > 0)
        {
            if (p[i] == '.')
            {
                i++;
                var start = i;
                while (i < p.Length && p[i] != '.' && p[i] != '[')
                {
                    if (p[i] == '\\' && i + 1 < p.Length)
                    {
                        i++;
                    }

                    i++;
                }

                var name = p[start..i].Replace("\\.", ".", StringComparison.Ordinal);
                if (name.Length == 0)
                {
                    continue;
                }

                current = current.Select(n => (n as JsonObject)?[name]).Where(n => n is not null).ToList();
            }
            else if (p[i] == '[')
            {
                var end = p.IndexOf(']', i);
                if (end < 0)
                {
                    return null;
                }

                var inner = p[(i + 1)..end];
                i = end + 1;
                current = inner switch
                {
                    "*" => current.SelectMany(n => n is JsonArray a ? a.AsEnumerable() : []).ToList(),
                    _ when inner.StartsWith("?(", StringComparison.Ordinal) => current.SelectMany(n => Filter(n, inner)).ToList(),
                    _ when int.TryParse(inner, out var index) => current.Select(n => n is JsonArray a && index >= 0 && index < a.Count ? a[index] : null).Where(n => n is not null).ToList(),
                    _ => current.Select(n => (n as JsonObject)?[inner.Trim('\'', '"')]).Where(n => n is not null).ToList(),
                };
            }
            else
            {
                i++;
            }
        }

        return current.FirstOrDefault();
    }

    // ?(@.field=="value") or ?(@.field=='value')
    private static IEnumerable<JsonNode?> Filter(JsonNode? node, string filter)
    {
        if (node is not JsonArray array)
        {
            return [];
        }

        var body = filter[2..].TrimEnd(')').Trim();
        var eq = body.IndexOf("==", StringComparison.Ordinal);
        if (eq < 0 || !body.StartsWith("@.", StringComparison.Ordinal))
        {
            return [];
        }

        var field = body[2..eq].Trim();
        var expected = body[(eq + 2)..].Trim().Trim('"', '\'');
        return array.Where(item => Evaluate(item, "." + field) is JsonValue v && v.ToString() == expected);
    }
}

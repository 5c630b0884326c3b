using System.Text.Json.Nodes;

namespace Kube.Sandbox.Storage;

/// <summary>Field selector (a=b, a==b, a!=b, comma-separated) evaluated against dotted paths of the object.</summary>
public sealed class FieldSelector
{
    private readonly IReadOnlyList<(string Path, string Value, bool Equal)> _terms;

    private FieldSelector(IReadOnlyList<(string Path, string Value, bool Equal)> terms) => _terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    public bool IsEmpty => _terms.Count == 0;

    /// <summary>The name a selector pins with metadata.name=X (kubectl wait and delete use it), else null.</summary>
    public string? PinnedName => _terms.FirstOrDefault(t => t.Equal && t.Path == "metadata.name").Value;

    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var terms = new List<(string, string, bool)>();
        foreach (var raw in text.Split(','))
        {
            var term = raw.Trim();
            if (term.Length == 0)
            {
                continue;
            }

            if (term.Contains("!=", StringComparison.Ordinal))
            {
                var p = term.Split("!=", 2);
                terms.Add((p[0].Trim(), p[1].Trim(), false));
            }
            else if (term.Contains("==", StringComparison.Ordinal))
            {
                var p = term.Split("==", 2);
                terms.Add((p[0].Trim(), p[1].Trim(), true));
            }
            else if (term.Contains('=', StringComparison.Ordinal))
            {
                var p = term.Split('=', 2);
                terms.Add((p[0].Trim(), p[1].Trim(), true));
            }
            else
            {
                throw Http.ApiException.BadRequest($"invalid selector: '{text}'; can't understand '{term}'");
            }
        }

        return new FieldSelector(terms);
    }

    public bool Matches(JsonObject obj) => _terms.All(t => (ValueAt(obj, t.Path) == t.Value) == t.Equal);

    private static string ValueAt(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject o ? o[segment] : null;
            if (node is null)
            {
                return string.Empty;
            }
        }

        return node is JsonValue v ? v.ToString() : node.ToJsonString();
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kube.Sandbox.Http;

namespace Kube.Sandbox.Storage;

/// <summary>Label selector in the query-string syntax: a=b, a==b, a!=b, a in (x,y), a notin (x), a, !a.</summary>
public sealed class LabelSelector
{
    private static readonly Regex SetTerm = new(@"^(?<key>[^\s!=(),]+)\s+(?<op>in|notin)\s*(?<set>\(.*)$", RegexOptions.CultureInvariant);

    private readonly IReadOnlyList<Func<JsonObject?, bool>> _requirements;

    private LabelSelector(IReadOnlyList<Func<JsonObject?, bool>> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public bool IsEmpty => _requirements.Count == 0;

    public bool Matches(JsonObject obj)
    {
        var labels = obj["metadata"]?["labels"] as JsonObject;
        return _requirements.All(r => r(labels));
    }

    private static string? Label(JsonObject? labels, string key) => labels?[key]?.GetValue<string>();

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<Func<JsonObject?, bool>>();
        foreach (var term in SplitTerms(text))
        {
            var t = term.Trim();
            if (t.Length == 0)
            {
                continue;
            }

            // Set-based: "key in (a,b)", "key notin (a)"; the space before the parenthesis is optional.
            if (SetTerm.Match(t) is { Success: true } set)
            {
                var key = set.Groups["key"].Value;
                var values = ParseSet(set.Groups["set"].Value);
                requirements.Add(set.Groups["op"].Value == "notin"
                    ? l => Label(l, key) is not { } v || !values.Contains(v)
                    : l => Label(l, key) is { } v && values.Contains(v));
                continue;
            }

            if (t.Contains("!=", StringComparison.Ordinal))
            {
                var parts = t.Split("!=", 2);
                var (key, value) = (parts[0].Trim(), parts[1].Trim());
                requirements.Add(l => Label(l, key) != value);
            }
            else if (t.Contains("==", StringComparison.Ordinal))
            {
                var parts = t.Split("==", 2);
                var (key, value) = (parts[0].Trim(), parts[1].Trim());
                requirements.Add(l => Label(l, key) == value);
            }
            else if (t.Contains('=', StringComparison.Ordinal))
            {
                var parts = t.Split('=', 2);
                var (key, value) = (parts[0].Trim(), parts[1].Trim());
                requirements.Add(l => Label(l, key) == value);
            }
            else if (t.StartsWith('!'))
            {
                var key = t[1..].Trim();
                requirements.Add(l => l is null || !l.ContainsKey(key));
            }
            else
            {
                var key = t;
                if (key.Contains(' ', StringComparison.Ordinal) || key.Contains('(', StringComparison.Ordinal))
                {
                    throw ApiException.BadRequest($"unable to parse requirement: found '{key}', expected: in, notin, =, ==, !=, gt, lt");
                }

                requirements.Add(l => l is not null && l.ContainsKey(key));
            }
        }

        return new LabelSelector(requirements);
    }


    private static HashSet<string> ParseSet(string text)
    {
        var t = text.Trim();
        if (!t.StartsWith('(') || !t.EndsWith(')'))
        {
            throw ApiException.BadRequest($"unable to parse requirement: expected a set in parentheses, got '{t}'");
        }

        return t[1..^1].Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToHashSet(StringComparer.Ordinal);
    }

    // Commas separate terms except inside the parentheses of a set.
    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..];
    }
}

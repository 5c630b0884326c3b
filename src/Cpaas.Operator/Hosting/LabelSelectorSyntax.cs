using System.Text.RegularExpressions;

namespace Cpaas.Operator.Hosting;

/// <summary>
/// Checks a label selector in the API's query syntax before it is sent, so a typo in --watch-label-selector stops
/// the process at start-up with one clear line instead of an informer failing forever against a 400 (pure).
/// Terms, comma-separated: <c>key</c>, <c>!key</c>, <c>key=value</c>, <c>key==value</c>, <c>key!=value</c>,
/// <c>key in (a,b)</c>, <c>key notin (a,b)</c>. Keys are an optional DNS-subdomain prefix and '/' plus a name of at
/// most 63 characters; values are empty or such a name.
/// </summary>
public static partial class LabelSelectorSyntax
{
    /// <summary>Why <paramref name="selector"/> is not a valid label selector, or null when it is (empty selects everything).</summary>
    public static string? Problem(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return null;
        }

        foreach (var raw in SplitTerms(selector))
        {
            var term = raw.Trim();
            if (term.Length == 0)
            {
                return "has an empty term";
            }

            var problem = TermProblem(term);
            if (problem is not null)
            {
                return $"term '{term}' {problem}";
            }
        }

        return null;
    }

    private static string? TermProblem(string term)
    {
        if (SetTerm().Match(term) is { Success: true } set)
        {
            var values = set.Groups["values"].Value.Split(',');
            return KeyProblem(set.Groups["key"].Value)
                ?? values.Select(v => ValueProblem(v.Trim())).FirstOrDefault(p => p is not null);
        }

        if (term.StartsWith('!'))
        {
            return KeyProblem(term[1..].Trim());
        }

        foreach (var op in new[] { "!=", "==", "=" })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at >= 0)
            {
                return KeyProblem(term[..at].Trim()) ?? ValueProblem(term[(at + op.Length)..].Trim());
            }
        }

        return term.IndexOfAny(['(', ')', '<', '>', ' ']) >= 0
            ? "is not key, !key, key=value, key!=value, key in (...) or key notin (...)"
            : KeyProblem(term);
    }

    private static string? KeyProblem(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length is 0 or > 253 || !Subdomain().IsMatch(prefix))
            {
                return $"has an invalid key prefix '{prefix}' (a DNS subdomain)";
            }
        }

        return name.Length is 0 or > 63 || !Name().IsMatch(name)
            ? $"has an invalid key '{key}' (at most 63 letters, digits, '-', '_' or '.', beginning and ending with a letter or digit)"
            : null;
    }

    private static string? ValueProblem(string value) =>
        value.Length == 0 || (value.Length <= 63 && Name().IsMatch(value))
            ? null
            : $"has an invalid value '{value}' (at most 63 letters, digits, '-', '_' or '.', beginning and ending with a letter or digit)";

    // Commas inside "in (...)" belong to the set, not to the list of terms.
    private static IEnumerable<string> SplitTerms(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            depth += selector[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (selector[i] == ',' && depth == 0)
            {
                yield return selector[start..i];
                start = i + 1;
            }
        }

        yield return selector[start..];
    }

    [GeneratedRegex(@"^(?<key>[^\s!=(),]+)\s+(?<op>in|notin)\s*\((?<values>[^()]*)\)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SetTerm();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Name();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Subdomain();
}

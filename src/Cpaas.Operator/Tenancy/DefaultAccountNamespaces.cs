namespace Cpaas.Operator.Tenancy;

/// <summary>
/// The namespaces whose CpaasProjects may use the operator's default account (--default-account-namespaces):
/// all (<c>*</c>, the single-tenant setting), none (empty), or the listed ones. See docs/configuration.md.
/// </summary>
public sealed class DefaultAccountNamespaces
{
    private const int MaxLabelLength = 63;

    private readonly HashSet<string> _names;

    private DefaultAccountNamespaces(bool allowsAll, HashSet<string> names)
    {
        AllowsAll = allowsAll;
        _names = names;
    }

    /// <summary><c>*</c>: every namespace (the default).</summary>
    public static DefaultAccountNamespaces All { get; } = new(allowsAll: true, []);

    /// <summary>Empty: no namespace; every CpaasProject names its own credentials.</summary>
    public static DefaultAccountNamespaces None { get; } = new(allowsAll: false, []);

    public bool AllowsAll { get; }

    /// <summary>The namespaces listed (empty for <see cref="All"/> and <see cref="None"/>).</summary>
    public IReadOnlyCollection<string> Names => _names;

    public bool Allows(string ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        return AllowsAll || _names.Contains(ns);
    }

    /// <summary>Reads <c>*</c>, an empty text, or comma-separated namespace names (spaces around names and empty entries are ignored).</summary>
    /// <param name="problem">Why <paramref name="text"/> is refused (null when it is accepted).</param>
    public static bool TryParse(string? text, out DefaultAccountNamespaces namespaces, out string? problem)
    {
        namespaces = None;
        problem = null;
        var entries = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries is ["*"])
        {
            namespaces = All;
            return true;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry == "*")
            {
                problem = "'*' (all namespaces) cannot be combined with namespace names";
                return false;
            }

            if (!IsDns1123Label(entry))
            {
                problem = $"'{entry}' is not a namespace name (a DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit)";
                return false;
            }

            names.Add(entry);
        }

        namespaces = names.Count == 0 ? None : new DefaultAccountNamespaces(allowsAll: false, names);
        return true;
    }

    /// <summary>The setting's own spelling: <c>*</c>, empty, or the names sorted and comma-separated.</summary>
    public override string ToString() => AllowsAll ? "*" : string.Join(',', _names.Order(StringComparer.Ordinal));

    private static bool IsDns1123Label(string name) =>
        name.Length is > 0 and <= MaxLabelLength
        && IsLowerAlphanumeric(name[0])
        && IsLowerAlphanumeric(name[^1])
        && name.All(c => IsLowerAlphanumeric(c) || c == '-');

    private static bool IsLowerAlphanumeric(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';
}

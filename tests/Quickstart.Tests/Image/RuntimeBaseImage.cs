using System.Text.RegularExpressions;
using Quickstart.Tests.Support;

namespace Quickstart.Tests.Image;

/// <summary>
/// docs/runtime-image.md read as data: the shared libraries the runtime-deps image holds (per architecture) and those
/// the operator loads at run time with dlopen, which no ELF header names.
/// </summary>
internal sealed partial class RuntimeBaseImage
{
    private readonly List<(string Library, string Architectures, string Detail)> _held;
    private readonly List<(string Library, string How)> _loaded;

    private RuntimeBaseImage(List<(string, string, string)> held, List<(string, string)> loaded)
    {
        _held = held;
        _loaded = loaded;
    }

    public static string DocumentPath => RepositoryRoot.File("docs", "runtime-image.md");

    public static RuntimeBaseImage Load()
    {
        var text = File.ReadAllText(DocumentPath);
        var held = Rows(Section(text, "## Libraries in the runtime image")).Select(r => (r[0], r[1], r[2])).ToList();
        var loaded = Rows(Section(text, "## Libraries the operator loads")).Select(r => (r[0], r[1])).ToList();
        return new RuntimeBaseImage(held, loaded);
    }

    /// <summary>The libraries the image holds for <paramref name="architecture"/>.</summary>
    public IReadOnlySet<string> Holds(TargetArchitecture architecture) =>
        _held.Where(r => r.Architectures.Split(',', StringSplitOptions.TrimEntries).Contains(architecture.DockerName))
            .Select(r => r.Library).ToHashSet(StringComparer.Ordinal);

    /// <summary>The libraries the operator opens with dlopen (the "how" column starts with `dlopen`).</summary>
    public IReadOnlyList<string> Opened => _loaded.Where(r => r.How.StartsWith("`dlopen`", StringComparison.Ordinal)).Select(r => r.Library).ToList();

    /// <summary>Every library the second table says the operator loads on <paramref name="architecture"/>.</summary>
    public IReadOnlySet<string> Loads(TargetArchitecture architecture) =>
        _loaded.Where(r => !r.How.Contains("(amd64)", StringComparison.Ordinal) && !r.How.Contains("(arm64)", StringComparison.Ordinal)
                || r.How.Contains($"({architecture.DockerName})", StringComparison.Ordinal))
            .Select(r => r.Library).ToHashSet(StringComparer.Ordinal);

    private static string Section(string text, string heading)
    {
        var start = text.IndexOf(heading + "\n", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"{DocumentPath} has no section '{heading}'");
        }

        var end = text.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    /// <summary>The cells of each table row whose first cell is a `library` in backticks.</summary>
    private static IEnumerable<string[]> Rows(string section) =>
        section.Split('\n')
            .Where(l => LibraryRow().IsMatch(l))
            .Select(l => l.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .Select(cells => cells.Select((c, i) => i == 0 ? c.Trim('`') : c).ToArray());

    [GeneratedRegex(@"^\|\s*`[^`]+\.so[.0-9]*`\s*\|")]
    private static partial Regex LibraryRow();
}

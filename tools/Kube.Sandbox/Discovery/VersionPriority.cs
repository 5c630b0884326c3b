using System.Globalization;
using System.Text.RegularExpressions;

namespace Kube.Sandbox.Discovery;

/// <summary>Kubernetes version ordering: GA before beta before alpha, higher numbers first, then other names alphabetically.</summary>
public sealed partial class VersionPriority : IComparer<string>
{
    public static VersionPriority Instance { get; } = new();

    [GeneratedRegex("^v(\\d+)(?:(alpha|beta)(\\d+))?$")]
    private static partial Regex KubeVersion();

    public int Compare(string? x, string? y)
    {
        var a = Rank(x ?? string.Empty);
        var b = Rank(y ?? string.Empty);
        var byRank = a.CompareTo(b);
        return byRank != 0 ? byRank : string.CompareOrdinal(x, y);
    }

    // Lower is preferred.
    private static (int Stage, int Major, int Minor) Rank(string version)
    {
        var match = KubeVersion().Match(version);
        if (!match.Success)
        {
            return (3, 0, 0);
        }

        var major = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var stage = match.Groups[2].Value switch { "beta" => 1, "alpha" => 2, _ => 0 };
        var minor = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        return (stage, -major, -minor);
    }
}

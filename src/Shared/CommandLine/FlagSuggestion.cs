namespace Shared.CommandLine;

/// <summary>The known flag an unknown one was probably meant to be, as kubectl and pflag-based operators suggest it.</summary>
internal static class FlagSuggestion
{
    /// <summary>The closest of <paramref name="knownFlags"/> when <paramref name="flag"/> is a near miss of it, else null.</summary>
    public static string? Closest(string flag, IEnumerable<string> knownFlags)
    {
        ArgumentNullException.ThrowIfNull(flag);
        ArgumentNullException.ThrowIfNull(knownFlags);

        // Compare without dashes so "-workers" and "--Workers" find "--workers".
        var bare = flag.TrimStart('-').ToLowerInvariant();
        var closest = knownFlags
            .Select(known => (Known: known, Distance: EditDistance.Between(bare, known.TrimStart('-'))))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Known, StringComparer.Ordinal)
            .FirstOrDefault();
        var nearMiss = closest.Known is not null && (closest.Distance <= Math.Max(2, bare.Length / 4)
            || (bare.Length >= 3 && closest.Known.TrimStart('-').StartsWith(bare, StringComparison.Ordinal)));
        return nearMiss ? closest.Known : null;
    }
}

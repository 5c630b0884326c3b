namespace Cpaas.Operator.Hosting;

/// <summary>
/// Refuses what the configuration binder would silently ignore: an unknown or misspelled flag, a stray argument, or a
/// flag without its value. Every flag takes a value, as <c>--flag value</c> or <c>--flag=value</c>. The error is one
/// line naming the argument and, for a near miss, the closest known flag, as kubectl and pflag-based operators print it.
/// </summary>
public static class CommandLineCheck
{
    /// <summary>The first problem of <paramref name="args"/> as one line starting with "error: ", or null when there is none.</summary>
    public static string? FindError(IReadOnlyList<string> args, IReadOnlyCollection<string> knownFlags)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(knownFlags);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-') || arg is "-" or "--")
            {
                return $"error: unexpected argument '{arg}' (flags are written --flag value or --flag=value; see --help)";
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var flag = equals < 0 ? arg : arg[..equals];
            if (!knownFlags.Contains(flag))
            {
                return UnknownFlag(flag, knownFlags);
            }

            if (equals < 0)
            {
                if (i + 1 >= args.Count)
                {
                    return $"error: flag needs an argument: {flag}";
                }

                i++;
            }
        }

        return null;
    }

    private static string UnknownFlag(string flag, IReadOnlyCollection<string> knownFlags)
    {
        // Compare without dashes so "-workers" and "--Workers" find "--workers".
        var bare = flag.TrimStart('-').ToLowerInvariant();
        var closest = knownFlags
            .Select(known => (Known: known, Distance: EditDistance.Between(bare, known.TrimStart('-'))))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Known, StringComparer.Ordinal)
            .FirstOrDefault();
        var nearMiss = closest.Known is not null && (closest.Distance <= Math.Max(2, bare.Length / 4)
            || (bare.Length >= 3 && closest.Known.TrimStart('-').StartsWith(bare, StringComparison.Ordinal)));
        return nearMiss
            ? $"error: unknown flag {flag} (did you mean {closest.Known}?)"
            : $"error: unknown flag {flag} (see --help for the flags)";
    }
}

using System.CommandLine;
using Shared.CommandLine;

namespace Cpaas.Operator.Hosting;

/// <summary>
/// The operator's command line, read by System.CommandLine from the settings table (<see cref="OperatorSettings"/>):
/// one flag per setting, each taking a value, whose default is its environment variable, else the table's default.
/// The first problem is one line naming the argument and, for a near miss, the closest known flag, as kubectl and
/// pflag-based operators print it.
/// </summary>
public sealed class OperatorCommandLine
{
    private OperatorCommandLine(bool helpRequested, string? error, IReadOnlyDictionary<string, string?> values)
    {
        HelpRequested = helpRequested;
        Error = error;
        Values = values;
    }

    /// <summary>--help or -h was given: print <see cref="HelpText"/> and nothing else.</summary>
    public bool HelpRequested { get; }

    /// <summary>The first problem as one line starting with "error: ", or null when there is none.</summary>
    public string? Error { get; }

    /// <summary>Each setting's value by configuration key (flag, then environment variable, then default); unset ones are absent.</summary>
    public IReadOnlyDictionary<string, string?> Values { get; }

    public static OperatorCommandLine Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var root = StrictCommandLine.CreateRoot("cpaas-operator: manages EnableX CPaaS projects declaratively.");
        var flags = new List<(SettingDefinition Setting, Option<string> Option)>();
        foreach (var setting in OperatorSettings.All)
        {
            var option = StrictCommandLine.TextFlag(setting.Flag, "value", setting.Description);
            option.DefaultValueFactory = _ => environment(setting.EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : setting.Default!;
            root.Options.Add(option);
            flags.Add((setting, option));
        }

        var result = root.ParseStrictly(args);
        if (result.HelpRequested())
        {
            return new OperatorCommandLine(helpRequested: true, null, new Dictionary<string, string?>());
        }

        if (CommandLineProblem.FirstOf(result) is { } problem)
        {
            return new OperatorCommandLine(helpRequested: false, Describe(problem), new Dictionary<string, string?>());
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (setting, option) in flags)
        {
            if (result.GetValue(option) is { } value)
            {
                values[setting.Key] = value;
            }
        }

        return new OperatorCommandLine(helpRequested: false, null, values);
    }

    private static string Describe(CommandLineProblem problem) => problem.Kind switch
    {
        CommandLineProblemKind.UnknownFlag when problem.Suggestion is { } closest => $"error: unknown flag {problem.Argument} (did you mean {closest}?)",
        CommandLineProblemKind.UnknownFlag => $"error: unknown flag {problem.Argument} (see --help for the flags)",
        CommandLineProblemKind.StrayArgument => $"error: unexpected argument '{problem.Argument}' (flags are written --flag value or --flag=value; see --help)",
        CommandLineProblemKind.MissingValue => $"error: flag needs an argument: {problem.Argument}",
        _ => $"error: {problem.Argument}: {problem.Message}",
    };
}

using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace Shared.CommandLine;

/// <summary>
/// System.CommandLine set up the way every command of this repository takes its arguments (docs/decisions/0070-system-commandline.md):
/// flags only, <c>--flag value</c> or <c>--flag=value</c> (<c>--flag=</c> is an empty value), the last of a repeated flag wins, <c>--help</c>/<c>-h</c>,
/// and nothing else: no <c>--version</c>, no <c>[directive]</c>, no <c>@response-file</c>, no end-of-options <c>--</c>.
/// Each program prints its own help text and turns the first <see cref="CommandLineProblem"/> into one line and exit code 2.
/// </summary>
internal static class StrictCommandLine
{
    /// <summary>How a flag's value is read: false when <paramref name="text"/> is not a valid value.</summary>
    public delegate bool ValueParser<T>(string text, out T value);

    // "@file" is an argument like any other, not a file of arguments to read.
    private static readonly ParserConfiguration Configuration = new() { ResponseFileTokenReplacer = null };

    /// <summary>A root command that knows only <c>--help</c>/<c>-h</c> until its flags are added.</summary>
    public static RootCommand CreateRoot(string description)
    {
        var root = new RootCommand(description);
        root.Options.Clear(); // the default --help (with /h, -? and /?) and --version
        root.Options.Add(new HelpOption("--help", "-h"));
        root.Directives.Clear();
        return root;
    }

    public static ParseResult ParseStrictly(this RootCommand root, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        return root.Parse(WithEmptyValuesSplit(args), Configuration);
    }

    // System.CommandLine reads "--flag=" as a flag without its value; here it is an empty value, as in pflag.
    private static List<string> WithEmptyValuesSplit(IReadOnlyList<string> args)
    {
        var tokens = new List<string>(args.Count);
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) == arg.Length - 1)
            {
                tokens.Add(arg[..^1]);
                tokens.Add("");
            }
            else
            {
                tokens.Add(arg);
            }
        }

        return tokens;
    }

    /// <summary>True when --help or -h was given (it wins over any problem, as before System.CommandLine).</summary>
    public static bool HelpRequested(this ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Action is HelpAction;
    }

    /// <summary>A flag that takes one value; a repeated flag's last value wins (as pflag and the configuration binder do).</summary>
    public static Option<T> ValueFlag<T>(string name, string valueName, string description, ValueParser<T> parse, string problem)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new Option<T>(name)
        {
            HelpName = valueName,
            Description = description,
            Arity = ArgumentArity.OneOrMore, // one value per occurrence: a second word after the value is a stray argument
            CustomParser = result => Parse(result, parse, problem),
        };
    }

    /// <summary>A flag that takes one text value (the last one when repeated).</summary>
    public static Option<string> TextFlag(string name, string valueName, string description) =>
        ValueFlag(name, valueName, description, static (string text, out string value) => { value = text; return true; }, "");

    /// <summary>A flag without a value.</summary>
    public static Option<bool> Switch(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>One line per flag (name, value name, description; a description's further lines indented below it), --help last.</summary>
    public static string FlagRows(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var rows = command.Options
            .OrderBy(o => o is HelpOption ? 1 : 0)
            .Select(o => (Left: string.Join(", ", o.Aliases.Order(StringComparer.Ordinal).Append(o.Name)) + (o.Arity.MaximumNumberOfValues > 0 ? " " + o.HelpName : ""), o.Description ?? ""))
            .ToList();
        var width = rows.Max(r => r.Left.Length) + 2;
        var text = new System.Text.StringBuilder();
        foreach (var (left, description) in rows)
        {
            var lines = description.Split('\n');
            text.Append("  ").Append(left.PadRight(width)).AppendLine(lines[0]);
            foreach (var line in lines.Skip(1))
            {
                text.Append(' ', width + 2).AppendLine(line);
            }
        }

        return text.ToString();
    }

    private static T Parse<T>(ArgumentResult result, ValueParser<T> parse, string problem)
    {
        if (result.Tokens.Count == 0)
        {
            return default!; // not given: the default (a missing value is reported by the arity check)
        }

        if (parse(result.Tokens[^1].Value, out var value))
        {
            return value;
        }

        result.AddError(problem);
        return default!;
    }
}

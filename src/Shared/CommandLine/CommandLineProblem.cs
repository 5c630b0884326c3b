using System.CommandLine;
using System.CommandLine.Parsing;

namespace Shared.CommandLine;

/// <summary>What is wrong with a command line, the first problem only; each program words it in its own one line.</summary>
internal sealed record CommandLineProblem(CommandLineProblemKind Kind, string Argument, string? Suggestion = null, string? Message = null)
{
    /// <summary>The first problem of <paramref name="result"/>: unknown flags and stray arguments first (in the order given), then missing and invalid values.</summary>
    public static CommandLineProblem? FirstOf(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (FirstUnexpected(result) is { } unexpected)
        {
            return unexpected;
        }

        foreach (var error in result.Errors)
        {
            if (error.SymbolResult is OptionResult option)
            {
                var flag = option.IdentifierToken?.Value ?? option.Option.Name;
                return option.Tokens.Count == 0 && option.Option.Arity.MinimumNumberOfValues > 0
                    ? new CommandLineProblem(CommandLineProblemKind.MissingValue, flag)
                    : new CommandLineProblem(CommandLineProblemKind.InvalidValue, flag, Message: error.Message);
            }

            if (error.SymbolResult is ArgumentResult { Parent: OptionResult parent })
            {
                return new CommandLineProblem(CommandLineProblemKind.InvalidValue, parent.IdentifierToken?.Value ?? parent.Option.Name, Message: error.Message);
            }
        }

        return result.Errors.Count > 0 ? new CommandLineProblem(CommandLineProblemKind.InvalidValue, "", Message: result.Errors[0].Message) : null;
    }

    private static CommandLineProblem? FirstUnexpected(ParseResult result)
    {
        var unmatched = result.UnmatchedTokens.Count > 0 ? result.UnmatchedTokens[0] : null;
        foreach (var token in result.Tokens)
        {
            // "--" and "[...]" are tokens of their own kind that System.CommandLine would otherwise accept silently.
            if (token.Type is TokenType.DoubleDash or TokenType.Directive || (token.Type == TokenType.Argument && token.Value == unmatched))
            {
                return Unexpected(token.Value, result.RootCommandResult.Command);
            }
        }

        return unmatched is null ? null : Unexpected(unmatched, result.RootCommandResult.Command);
    }

    private static CommandLineProblem Unexpected(string argument, Command command)
    {
        if (!argument.StartsWith('-') || argument is "-" or "--")
        {
            return new CommandLineProblem(CommandLineProblemKind.StrayArgument, argument);
        }

        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        var flag = equals < 0 ? argument : argument[..equals];
        var known = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(a => a.StartsWith("--", StringComparison.Ordinal));
        return new CommandLineProblem(CommandLineProblemKind.UnknownFlag, flag, FlagSuggestion.Closest(flag, known));
    }
}

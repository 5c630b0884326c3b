using System.CommandLine;
using System.Globalization;
using Cpaas.Sandbox.Api;
using Cpaas.Sandbox.Wire;
using Shared.CommandLine;

namespace Cpaas.Sandbox.CommandLine;

/// <summary>The sandbox's flags, one row each (System.CommandLine); --help prints them in this order.</summary>
internal sealed record SandboxArguments(CpaasSandboxOptions Options, bool Quiet)
{
    private static readonly int MaxPageLength = new CpaasSandboxOptions().MaxPageLength;

    private static readonly Option<int> Port = StrictCommandLine.ValueFlag<int>(
        "--port", "N", "port on 127.0.0.1 (default 0: a free one)", TryPort, "--port takes a number from 0 to 65535");

    private static readonly Option<string> AdminKey = StrictCommandLine.TextFlag("--admin-key", "KEY", "api_key of the seeded admin account (default: random)");

    private static readonly Option<string> CustomerKey = StrictCommandLine.TextFlag("--customer-key", "KEY", "api_key of the seeded customer account (default: random)");

    private static readonly Option<ResultEncoding> Encoding = StrictCommandLine.ValueFlag(
        "--result-encoding", "number|string", "how the \"result\" code is written (default number)",
        OneOf(("number", ResultEncoding.Number), ("string", ResultEncoding.String)), "--result-encoding takes number or string");

    private static readonly Option<bool> ErrorsWithHttp200 = StrictCommandLine.Switch("--errors-with-http-200", "business errors answered with HTTP 200 and their result code (401, 429, 5xx keep their status)");

    private static readonly Option<ErrorMessageKey> ErrorKey = StrictCommandLine.ValueFlag(
        "--error-key", "msg|error", "the key of an error's message (default msg)",
        OneOf(("msg", ErrorMessageKey.Msg), ("error", ErrorMessageKey.Error)), "--error-key takes msg or error");

    private static readonly Option<bool> OmitUnsetFields = StrictCommandLine.Switch("--omit-unset-fields", "leave keys never set out of responses");

    private static readonly Option<bool> Lenient = StrictCommandLine.Switch("--lenient", "accept request keys and JSON types the documented examples do not show");

    private static readonly Option<int> PageLength = StrictCommandLine.ValueFlag<int>(
        "--page-length", "N", $"projects per list page when a request names no page_length (default 20; 1 to {MaxPageLength.ToString(CultureInfo.InvariantCulture)})",
        TryPageLength, $"--page-length takes a number from 1 to {MaxPageLength.ToString(CultureInfo.InvariantCulture)}");

    private static readonly Option<UpdatedAtOrdering> Ordering = StrictCommandLine.ValueFlag(
        "--updated-at-ordering", "supported|refused|ignored", "a list ordered by updated_at: supported (default), refused (1104, HTTP 406) or ignored (creation order)",
        OneOf(("supported", UpdatedAtOrdering.Supported), ("refused", UpdatedAtOrdering.Refused), ("ignored", UpdatedAtOrdering.Ignored)),
        "--updated-at-ordering takes supported, refused or ignored");

    private static readonly Option<bool> SectionChangesKeepUpdatedAt = StrictCommandLine.Switch("--section-changes-keep-updated-at", "section PATCHes leave the project's updated_at alone");

    private static readonly Option<WireDateFormat> DateFormat = StrictCommandLine.ValueFlag(
        "--date-format", "iso-ms|seconds", "how dates are written (default iso-ms)",
        OneOf(("iso-ms", WireDateFormat.IsoMilliseconds), ("seconds", WireDateFormat.Seconds)), "--date-format takes iso-ms or seconds");

    private static readonly Option<bool> QuietFlag = StrictCommandLine.Switch("--quiet", "log warnings only, not each request");

    private static readonly RootCommand Command = Create();

    public static string Usage { get; } = "usage: Cpaas.Sandbox [flags]\n" + StrictCommandLine.FlagRows(Command);

    /// <summary>The arguments, or whether help was asked, or the first problem as one line (exactly one of the three).</summary>
    public static (SandboxArguments? Arguments, bool Help, string? Error) Parse(IReadOnlyList<string> args)
    {
        var result = Command.ParseStrictly(args);
        if (result.HelpRequested())
        {
            return (null, true, null);
        }

        if (CommandLineProblem.FirstOf(result) is { } problem)
        {
            return (null, false, Describe(problem));
        }

        var wire = new WireSettings();
        var behaviour = new ApiBehaviour();
        if (result.GetResult(Encoding) is not null)
        {
            wire.ResultEncoding = result.GetValue(Encoding);
        }

        wire.BusinessErrorsWithHttp200 = result.GetValue(ErrorsWithHttp200) || wire.BusinessErrorsWithHttp200;
        if (result.GetResult(ErrorKey) is not null)
        {
            wire.ErrorMessageKey = result.GetValue(ErrorKey);
        }

        wire.FillUnsetFields &= !result.GetValue(OmitUnsetFields);
        wire.StrictRequestValidation &= !result.GetValue(Lenient);
        if (result.GetResult(DateFormat) is not null)
        {
            wire.DateFormat = result.GetValue(DateFormat);
        }

        if (result.GetResult(PageLength) is not null)
        {
            behaviour.DefaultPageLength = result.GetValue(PageLength);
        }

        if (result.GetResult(Ordering) is not null)
        {
            behaviour.UpdatedAtOrdering = result.GetValue(Ordering);
        }

        behaviour.SectionChangesBumpUpdatedAt &= !result.GetValue(SectionChangesKeepUpdatedAt);
        var options = new CpaasSandboxOptions
        {
            Port = result.GetValue(Port),
            AdminApiKey = result.GetValue(AdminKey),
            CustomerApiKey = result.GetValue(CustomerKey),
            Wire = wire,
            Behaviour = behaviour,
        };
        return (new SandboxArguments(options, result.GetValue(QuietFlag)), false, null);
    }

    private static RootCommand Create()
    {
        var root = StrictCommandLine.CreateRoot("CPaaS API sandbox: a local stand-in for the EnableX CPaaS REST API.");
        foreach (var option in new Option[] { Port, AdminKey, CustomerKey, Encoding, ErrorsWithHttp200, ErrorKey, OmitUnsetFields, Lenient, PageLength, Ordering, SectionChangesKeepUpdatedAt, DateFormat, QuietFlag })
        {
            root.Options.Add(option);
        }

        return root;
    }

    private static string Describe(CommandLineProblem problem) => problem.Kind switch
    {
        CommandLineProblemKind.UnknownFlag when problem.Suggestion is { } closest => $"error: unknown argument {problem.Argument} (did you mean {closest}?)",
        CommandLineProblemKind.UnknownFlag or CommandLineProblemKind.StrayArgument => $"error: unknown argument {problem.Argument}",
        CommandLineProblemKind.MissingValue => $"error: {problem.Argument} needs a value",
        _ => $"error: {problem.Message}",
    };

    private static StrictCommandLine.ValueParser<T> OneOf<T>(params (string Text, T Value)[] choices) =>
        (string text, out T value) =>
        {
            foreach (var choice in choices)
            {
                if (choice.Text == text)
                {
                    value = choice.Value;
                    return true;
                }
            }

            value = default!;
            return false;
        };

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535;

    private static bool TryPageLength(string text, out int length) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out length) && length >= 1 && length <= MaxPageLength;
}

using System.CommandLine;
using System.Globalization;
using Shared.CommandLine;

namespace Kube.Sandbox.CommandLine;

/// <summary>What the sandbox was asked to do: <c>kube-sandbox [--port 6443] [--state-dir .sandbox/kube] [--user NAME[=GROUP,...]]... [--audit-log-path FILE] [--verbose]</c>.</summary>
internal sealed record KubeSandboxArguments(int Port, string StateDirectory, IReadOnlyList<string> Users, bool Verbose, string? AuditLogPath)
{
    // The flags, one row each (System.CommandLine); --help prints them in this order.
    private static readonly Option<int> PortFlag = StrictCommandLine.ValueFlag<int>(
        "--port", "N", "port on 127.0.0.1 (0 picks a free one; default 6443)", TryPort, "--port takes a number from 0 to 65535");

    private static readonly Option<string> StateDirectoryFlag = StrictCommandLine.TextFlag(
        "--state-dir", "DIR", "where the CA, the server certificate and the kubeconfigs are written (default .sandbox/kube)");

    private static readonly Option<string[]> UserFlag = new("--user")
    {
        HelpName = "NAME[=GROUP,...]",
        Description = "also write a kubeconfig for this identity (RBAC enforced; repeatable), e.g.\n--user system:serviceaccount:cpaas-system:cpaas-operator  or  --user alice=dev,qa",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string> AuditLogPathFlag = StrictCommandLine.TextFlag(
        "--audit-log-path", "FILE", "append one audit.k8s.io/v1 Event per request (JSON lines), as kube-apiserver does");

    private static readonly Option<bool> VerboseFlag = StrictCommandLine.Switch("--verbose", "log every request (Debug)");

    private static readonly RootCommand Command = Create();

    public static string Usage { get; } =
        "usage: kube-sandbox [--port 6443] [--state-dir .sandbox/kube] [--user NAME[=GROUP,...]]... [--audit-log-path FILE] [--verbose]\n" + StrictCommandLine.FlagRows(Command);

    /// <summary>The arguments, or whether help was asked, or the first problem as one line (exactly one of the three).</summary>
    public static (KubeSandboxArguments? Arguments, bool Help, string? Error) Parse(IReadOnlyList<string> args)
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

        return (new KubeSandboxArguments(result.GetValue(PortFlag), result.GetValue(StateDirectoryFlag)!, result.GetValue(UserFlag) ?? [], result.GetValue(VerboseFlag), result.GetValue(AuditLogPathFlag)), false, null);
    }

    private static RootCommand Create()
    {
        PortFlag.DefaultValueFactory = _ => 6443;
        StateDirectoryFlag.DefaultValueFactory = _ => Path.Combine(".sandbox", "kube");
        var root = StrictCommandLine.CreateRoot("Kubernetes API sandbox: a local kube-apiserver stand-in for kubectl and the operator.");
        root.Options.Add(PortFlag);
        root.Options.Add(StateDirectoryFlag);
        root.Options.Add(UserFlag);
        root.Options.Add(AuditLogPathFlag);
        root.Options.Add(VerboseFlag);
        return root;
    }

    private static string Describe(CommandLineProblem problem) => problem.Kind switch
    {
        CommandLineProblemKind.UnknownFlag when problem.Suggestion is { } closest => $"kube-sandbox: unknown flag {problem.Argument} (did you mean {closest}?)",
        CommandLineProblemKind.UnknownFlag => $"kube-sandbox: unknown flag {problem.Argument}",
        CommandLineProblemKind.StrayArgument => $"kube-sandbox: unexpected argument '{problem.Argument}'",
        CommandLineProblemKind.MissingValue => $"kube-sandbox: {problem.Argument} needs a value",
        _ => $"kube-sandbox: {problem.Message}",
    };

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535;
}

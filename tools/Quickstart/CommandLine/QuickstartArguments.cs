using System.CommandLine;
using System.Globalization;
using Cpaas.Operator.Hosting;
using Shared.CommandLine;

namespace Quickstart.CommandLine;

/// <summary>Parses the quickstart's command line (System.CommandLine). Flags take "--flag value" or "--flag=value".</summary>
internal static class QuickstartArguments
{
    public const string Usage = """
        usage: dotnet run --project tools/Quickstart -- [options]

        Starts the Kubernetes API sandbox and the CPaaS API sandbox, installs the CRD and the operator's RBAC,
        runs the operator against them, applies config/samples and waits until every sample is Ready.
        Then keeps running (kubectl works against it) until Ctrl+C.

        options:
          --kube-port N        Kubernetes API sandbox port on 127.0.0.1 (default 6443; 0 = any free port)
          --cpaas-port N       CPaaS API sandbox port on 127.0.0.1 (default 8090; 0 = any free port)
          --exit-when-ready    exit 0 once every sample is Ready (alias: --no-wait); for tests and CI
          --timeout DURATION   how long the samples may take to become Ready (default 2m)
          --namespace NAME     namespace for the samples (default "default")
          --state-dir PATH     state directory (default REPO/.sandbox)
          --repo PATH          repository root (default: found from the working directory)
          -h, --help           this text

        exit codes: 0 ok or stopped with Ctrl+C, 1 failure, 2 bad arguments, 3 port in use,
                    4 a sample did not become Ready in time, 130 interrupted before every sample was Ready
        """;

    // The flags, one row each (System.CommandLine); Usage above describes them (a test checks it names each one).
    private static readonly Option<int> KubePort = StrictCommandLine.ValueFlag<int>(
        "--kube-port", "N", "Kubernetes API sandbox port on 127.0.0.1", TryPort, "--kube-port needs a port number between 0 and 65535");

    private static readonly Option<int> CpaasPort = StrictCommandLine.ValueFlag<int>(
        "--cpaas-port", "N", "CPaaS API sandbox port on 127.0.0.1", TryPort, "--cpaas-port needs a port number between 0 and 65535");

    private static readonly Option<bool> ExitWhenReady = StrictCommandLine.Switch("--exit-when-ready", "exit 0 once every sample is Ready", "--no-wait");

    private static readonly Option<TimeSpan> Timeout = StrictCommandLine.ValueFlag<TimeSpan>(
        "--timeout", "DURATION", "how long the samples may take to become Ready", TryPositiveDuration, "--timeout needs a positive duration such as 90s or 2m");

    private static readonly Option<string> Namespace = StrictCommandLine.ValueFlag<string>(
        "--namespace", "NAME", "namespace for the samples", TryNonBlank, "--namespace needs a name");

    private static readonly Option<string> StateDirectory = StrictCommandLine.ValueFlag<string>(
        "--state-dir", "PATH", "state directory", TryNonBlank, "--state-dir needs a path");

    private static readonly Option<string> Repository = StrictCommandLine.ValueFlag<string>(
        "--repo", "PATH", "repository root", TryNonBlank, "--repo needs a path");

    private static readonly RootCommand Command = Create();

    /// <summary>Every flag the quickstart accepts, with its aliases.</summary>
    public static IEnumerable<string> Flags => Command.Options.SelectMany(o => o.Aliases.Prepend(o.Name));

    /// <summary>The options, or the problem with the arguments (never both).</summary>
    public static (QuickstartOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = Command.ParseStrictly(args);
        if (result.HelpRequested())
        {
            return (new QuickstartOptions { ShowHelp = true }, null);
        }

        if (CommandLineProblem.FirstOf(result) is { } problem)
        {
            return (null, Describe(problem));
        }

        var options = new QuickstartOptions
        {
            KubePort = result.GetValue(KubePort),
            CpaasPort = result.GetValue(CpaasPort),
            ExitWhenReady = result.GetValue(ExitWhenReady),
            ReadyTimeout = result.GetValue(Timeout),
            SamplesNamespace = result.GetValue(Namespace)!,
            StateDirectory = result.GetValue(StateDirectory),
            RepositoryRoot = result.GetValue(Repository),
        };
        if (options.KubePort != 0 && options.KubePort == options.CpaasPort)
        {
            return (null, $"--kube-port and --cpaas-port are both {options.KubePort}; they need different ports");
        }

        return (options, null);
    }

    private static RootCommand Create()
    {
        var defaults = new QuickstartOptions();
        KubePort.DefaultValueFactory = _ => defaults.KubePort;
        CpaasPort.DefaultValueFactory = _ => defaults.CpaasPort;
        Timeout.DefaultValueFactory = _ => defaults.ReadyTimeout;
        Namespace.DefaultValueFactory = _ => defaults.SamplesNamespace;
        var root = StrictCommandLine.CreateRoot("The quickstart: both sandboxes, the operator and the samples, Ready.");
        foreach (var option in new Option[] { KubePort, CpaasPort, ExitWhenReady, Timeout, Namespace, StateDirectory, Repository })
        {
            root.Options.Add(option);
        }

        return root;
    }

    private static string Describe(CommandLineProblem problem) => problem.Kind switch
    {
        CommandLineProblemKind.UnknownFlag when problem.Suggestion is { } closest => $"unknown argument '{problem.Argument}' (did you mean {closest}?)",
        CommandLineProblemKind.UnknownFlag or CommandLineProblemKind.StrayArgument => $"unknown argument '{problem.Argument}'",
        // A flag without a value says what value it needs, as a bad value does.
        CommandLineProblemKind.MissingValue => MissingValue(problem.Argument),
        _ => problem.Message ?? "bad arguments",
    };

    private static string MissingValue(string flag) => flag switch
    {
        "--kube-port" or "--cpaas-port" => $"{flag} needs a port number between 0 and 65535",
        "--timeout" => "--timeout needs a positive duration such as 90s or 2m",
        "--namespace" => "--namespace needs a name",
        _ => $"{flag} needs a path",
    };

    private static bool TryPositiveDuration(string text, out TimeSpan duration) => Duration.TryParse(text, out duration) && duration > TimeSpan.Zero;

    private static bool TryNonBlank(string text, out string value)
    {
        value = text;
        return !string.IsNullOrWhiteSpace(text);
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535;
}

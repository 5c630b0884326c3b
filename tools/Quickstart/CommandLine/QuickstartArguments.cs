using System.Globalization;
using Cpaas.Operator.Hosting;

namespace Quickstart.CommandLine;

/// <summary>Parses the quickstart's command line. Flags take "--flag value" or "--flag=value".</summary>
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

    /// <summary>The options, or the problem with the arguments (never both).</summary>
    public static (QuickstartOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new QuickstartOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inline) = Split(args[i]);
            string? Value()
            {
                if (inline is not null)
                {
                    return inline;
                }

                return i + 1 < args.Count ? args[++i] : null;
            }

            switch (flag)
            {
                case "-h" or "--help":
                    options = options with { ShowHelp = true };
                    break;
                case "--exit-when-ready" or "--no-wait":
                    options = options with { ExitWhenReady = true };
                    break;
                case "--kube-port":
                    if (!TryPort(Value(), out var kubePort))
                    {
                        return (null, "--kube-port needs a port number between 0 and 65535");
                    }

                    options = options with { KubePort = kubePort };
                    break;
                case "--cpaas-port":
                    if (!TryPort(Value(), out var cpaasPort))
                    {
                        return (null, "--cpaas-port needs a port number between 0 and 65535");
                    }

                    options = options with { CpaasPort = cpaasPort };
                    break;
                case "--timeout":
                    if (!Duration.TryParse(Value(), out var timeout) || timeout <= TimeSpan.Zero)
                    {
                        return (null, "--timeout needs a positive duration such as 90s or 2m");
                    }

                    options = options with { ReadyTimeout = timeout };
                    break;
                case "--namespace":
                    var ns = Value();
                    if (string.IsNullOrWhiteSpace(ns))
                    {
                        return (null, "--namespace needs a name");
                    }

                    options = options with { SamplesNamespace = ns };
                    break;
                case "--state-dir":
                    var state = Value();
                    if (string.IsNullOrWhiteSpace(state))
                    {
                        return (null, "--state-dir needs a path");
                    }

                    options = options with { StateDirectory = state };
                    break;
                case "--repo":
                    var repo = Value();
                    if (string.IsNullOrWhiteSpace(repo))
                    {
                        return (null, "--repo needs a path");
                    }

                    options = options with { RepositoryRoot = repo };
                    break;
                default:
                    return (null, $"unknown argument '{args[i]}'");
            }
        }

        if (options.KubePort != 0 && options.KubePort == options.CpaasPort)
        {
            return (null, $"--kube-port and --cpaas-port are both {options.KubePort}; they need different ports");
        }

        return (options, null);
    }

    private static (string Flag, string? Inline) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static bool TryPort(string? text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535;
}

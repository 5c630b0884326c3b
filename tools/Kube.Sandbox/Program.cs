using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Kube.Sandbox;

/// <summary>Command line: dotnet run --project tools/Kube.Sandbox -- [--port 6443] [--state-dir .sandbox/kube] [--audit-log-path FILE] [--verbose].</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var port = 6443;
        var stateDirectory = Path.Combine(".sandbox", "kube");
        var verbose = false;
        var extraUsers = new List<string>();
        string? auditLogPath = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65535:
                    port = p;
                    i++;
                    break;
                case "--state-dir" when i + 1 < args.Length:
                    stateDirectory = args[++i];
                    break;
                case "--user" when i + 1 < args.Length:
                    extraUsers.Add(args[++i]);
                    break;
                case "--audit-log-path" when i + 1 < args.Length:
                    auditLogPath = args[++i];
                    break;
                case "--verbose":
                    verbose = true;
                    break;
                case "-h" or "--help":
                    PrintUsage(Console.Out);
                    return 0;
                default:
                    await Console.Error.WriteLineAsync($"kube-sandbox: unknown or incomplete argument '{args[i]}'");
                    PrintUsage(Console.Error);
                    return 2;
            }
        }

        using var loggerFactory = LoggerFactory.Create(logging =>
        {
            logging.AddSimpleConsole(o => o.SingleLine = true);
            logging.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning);
            if (!verbose)
            {
                // A busy port is reported below in one line; the host's own stack trace is noise.
                logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
            }
        });

        KubeApiSandbox sandbox;
        try
        {
            sandbox = await KubeApiSandbox.StartAsync(new KubeApiSandboxOptions { Port = port, StateDirectory = stateDirectory, LoggerFactory = loggerFactory, AuditLogPath = auditLogPath });
        }
        catch (IOException e) when (e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase) || e.InnerException is System.Net.Sockets.SocketException)
        {
            await Console.Error.WriteLineAsync($"kube-sandbox: cannot listen on 127.0.0.1:{port}: the port is already in use. Choose another with --port (0 picks a free one).");
            return 1;
        }

        await using (sandbox)
        {
            using var stop = new CancellationTokenSource();
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }

            // Ctrl+C (SIGINT) and SIGTERM stop the server cleanly; the registrations end before the token source does.
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

            Console.WriteLine($"Kubernetes API sandbox listening on {sandbox.Url}");
            Console.WriteLine($"Admin kubeconfig: {sandbox.AdminKubeconfigPath}");
            if (sandbox.Audit.Path is { } auditFile)
            {
                Console.WriteLine($"Audit log: {auditFile}");
            }

            foreach (var spec in extraUsers)
            {
                // NAME[=GROUP,GROUP...]: names may contain ':' (system:serviceaccount:NS:NAME), so groups follow '='.
                var (user, groups) = ParseUser(spec);
                var file = Path.Combine(Path.GetDirectoryName(sandbox.AdminKubeconfigPath)!, "kubeconfig-" + string.Concat(user.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_')));
                sandbox.WriteKubeconfig(file, user, groups);
                Console.WriteLine($"Kubeconfig for {user}{(groups.Count > 0 ? " (groups " + string.Join(", ", groups) + ")" : string.Empty)}: {file}");
            }

            Console.WriteLine($"export KUBECONFIG={sandbox.AdminKubeconfigPath}");
            Console.WriteLine("Press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("Stopping.");
            }
        }

        return 0;
    }

    private static (string User, IReadOnlyList<string> Groups) ParseUser(string spec)
    {
        var parts = spec.Split('=', 2);
        var groups = parts.Length == 2 ? parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        return (parts[0], groups);
    }

    private static void PrintUsage(TextWriter writer)
    {
        writer.WriteLine("usage: kube-sandbox [--port 6443] [--state-dir .sandbox/kube] [--user NAME[=GROUP,...]]... [--audit-log-path FILE] [--verbose]");
        writer.WriteLine("  --port       port on 127.0.0.1 (0 picks a free one; default 6443)");
        writer.WriteLine("  --state-dir  where the CA, the server certificate and the kubeconfigs are written");
        writer.WriteLine("  --user       also write a kubeconfig for this identity (RBAC enforced), e.g.");
        writer.WriteLine("               --user system:serviceaccount:cpaas-system:cpaas-operator  or  --user alice=dev,qa");
        writer.WriteLine("  --audit-log-path  append one audit.k8s.io/v1 Event per request (JSON lines), as kube-apiserver does");
    }
}

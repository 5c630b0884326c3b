using System.Runtime.InteropServices;
using Kube.Sandbox.CommandLine;
using Microsoft.Extensions.Logging;

namespace Kube.Sandbox;

/// <summary>Command line: dotnet run --project tools/Kube.Sandbox -- [--port 6443] [--state-dir .sandbox/kube] [--user ...] [--audit-log-path FILE] [--verbose] (<see cref="KubeSandboxArguments"/>).</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var (arguments, help, problem) = KubeSandboxArguments.Parse(args);
        if (help)
        {
            await Console.Out.WriteAsync(KubeSandboxArguments.Usage);
            return 0;
        }

        if (arguments is null)
        {
            await Console.Error.WriteLineAsync(problem);
            await Console.Error.WriteAsync(KubeSandboxArguments.Usage);
            return 2;
        }

        var (port, stateDirectory, extraUsers, verbose, auditLogPath) = arguments;
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
}

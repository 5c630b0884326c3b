using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Kube.Sandbox;

/// <summary>Command line: dotnet run --project tools/Kube.Sandbox -- [--port 6443] [--state-dir .sandbox/kube] [--verbose].</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var port = 6443;
        var stateDirectory = Path.Combine(".sandbox", "kube");
        var verbose = false;
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
        });

        KubeApiSandbox sandbox;
        try
        {
            sandbox = await KubeApiSandbox.StartAsync(new KubeApiSandboxOptions { Port = port, StateDirectory = stateDirectory, LoggerFactory = loggerFactory });
        }
        catch (IOException e) when (e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase) || e.InnerException is System.Net.Sockets.SocketException)
        {
            await Console.Error.WriteLineAsync($"kube-sandbox: cannot listen on 127.0.0.1:{port}: the port is already in use. Choose another with --port (0 picks a free one).");
            return 1;
        }

        await using (sandbox)
        {
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

            Console.WriteLine($"Kubernetes API sandbox listening on {sandbox.Url}");
            Console.WriteLine($"Admin kubeconfig: {sandbox.AdminKubeconfigPath}");
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

    private static void PrintUsage(TextWriter writer) =>
        writer.WriteLine("usage: kube-sandbox [--port 6443] [--state-dir .sandbox/kube] [--verbose]");
}

using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Cpaas.Sandbox.CommandLine;

/// <summary>
/// <c>dotnet run --project tools/Cpaas.Sandbox -- --port 0</c>: starts the sandbox, prints the base URL and the seeded
/// accounts (keys are printed once, at start: a local sandbox with throw-away keys), logs each request, stops on
/// Ctrl+C or SIGTERM. Exit 1 on a taken port, 2 on bad arguments (the flags: <see cref="SandboxArguments"/>).
/// </summary>
internal static class SandboxCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var (arguments, help, problem) = SandboxArguments.Parse(args);
        if (help)
        {
            await output.WriteAsync(SandboxArguments.Usage);
            return 0;
        }

        if (arguments is null)
        {
            await error.WriteLineAsync(problem);
            await error.WriteAsync(SandboxArguments.Usage);
            return 2;
        }

        var (options, quiet) = arguments;

        using var loggerFactory = LoggerFactory.Create(logging =>
        {
            logging.SetMinimumLevel(quiet ? LogLevel.Warning : LogLevel.Information);
            logging.AddFilter("Microsoft", LogLevel.Warning);
            logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None); // a taken port is reported below, once
            logging.AddSimpleConsole(console => console.SingleLine = true);
        });

        CpaasSandbox sandbox;
        try
        {
            sandbox = await CpaasSandbox.StartAsync(
                new CpaasSandboxOptions
                {
                    Port = options.Port,
                    AdminApiKey = options.AdminApiKey,
                    CustomerApiKey = options.CustomerApiKey,
                    Wire = options.Wire,
                    Behaviour = options.Behaviour,
                    LoggerFactory = loggerFactory,
                });
        }
        catch (SandboxPortInUseException e)
        {
            await error.WriteLineAsync($"error: port {e.Port.ToString(CultureInfo.InvariantCulture)} on 127.0.0.1 is already in use; choose another with --port (0 picks a free one).");
            return 1;
        }

        await using (sandbox)
        {
            await output.WriteLineAsync($"CPaaS API sandbox listening. Base URL: {sandbox.BaseUrl}");
            await output.WriteLineAsync($"Control surface: {sandbox.ServerUrl}_sandbox");
            await output.WriteLineAsync("Accounts (keys are shown once, here; they live only as long as this process):");
            foreach (var account in new[] { sandbox.AdminAccount, sandbox.CustomerAccount })
            {
                await output.WriteLineAsync(
                    $"  {(account.IsAdmin ? "admin   " : "customer")} api_id={account.ApiId} api_key={account.ApiKey} customer_id={account.CustomerId}");
            }

            await output.WriteLineAsync($"Categories: {string.Join(", ", sandbox.Categories.Select(c => c.Id))}");
            await output.WriteLineAsync("Press Ctrl+C to stop.");
            await output.FlushAsync();

            var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            await stop.Task;
            await output.WriteLineAsync("Stopping.");

            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.TrySetResult();
            }
        }

        return 0;
    }
}

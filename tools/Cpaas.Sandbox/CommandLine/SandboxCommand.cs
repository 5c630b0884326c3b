using System.Globalization;
using System.Runtime.InteropServices;
using Cpaas.Sandbox.Api;
using Cpaas.Sandbox.Wire;
using Microsoft.Extensions.Logging;

namespace Cpaas.Sandbox.CommandLine;

/// <summary>
/// <c>dotnet run --project tools/Cpaas.Sandbox -- --port 0</c>: starts the sandbox, prints the base URL and the seeded
/// accounts (keys are printed once, at start: a local sandbox with throw-away keys), logs each request, stops on
/// Ctrl+C or SIGTERM. Exit 1 on a taken port, 2 on bad arguments.
/// </summary>
internal static class SandboxCommand
{
    private const string Usage = """
        usage: Cpaas.Sandbox [--port N] [--admin-key KEY] [--customer-key KEY] [--result-encoding number|string]
                             [--errors-with-http-200] [--error-key msg|error] [--omit-unset-fields] [--lenient]
                             [--page-length N] [--updated-at-ordering supported|refused|ignored]
                             [--section-changes-keep-updated-at] [--date-format iso-ms|seconds] [--quiet]
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        CpaasSandboxOptions options;
        bool quiet;
        try
        {
            (options, quiet) = Parse(args);
        }
        catch (FormatException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            await error.WriteLineAsync(Usage);
            return 2;
        }

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

    private static (CpaasSandboxOptions Options, bool Quiet) Parse(string[] args)
    {
        var port = 0;
        string? adminKey = null;
        string? customerKey = null;
        var wire = new WireSettings();
        var behaviour = new ApiBehaviour();
        var maxPageLength = new CpaasSandboxOptions().MaxPageLength;
        var quiet = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port":
                    if (!int.TryParse(Value(args, ref i), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
                    {
                        throw new FormatException("--port takes a number from 0 to 65535");
                    }

                    break;
                case "--admin-key": adminKey = Value(args, ref i); break;
                case "--customer-key": customerKey = Value(args, ref i); break;
                case "--result-encoding":
                    wire.ResultEncoding = Value(args, ref i) switch
                    {
                        "number" => ResultEncoding.Number,
                        "string" => ResultEncoding.String,
                        _ => throw new FormatException("--result-encoding takes number or string"),
                    };
                    break;
                case "--errors-with-http-200": wire.BusinessErrorsWithHttp200 = true; break;
                case "--error-key":
                    wire.ErrorMessageKey = Value(args, ref i) switch
                    {
                        "msg" => ErrorMessageKey.Msg,
                        "error" => ErrorMessageKey.Error,
                        _ => throw new FormatException("--error-key takes msg or error"),
                    };
                    break;
                case "--omit-unset-fields": wire.FillUnsetFields = false; break;
                case "--lenient": wire.StrictRequestValidation = false; break;
                case "--page-length":
                    if (!int.TryParse(Value(args, ref i), NumberStyles.None, CultureInfo.InvariantCulture, out var pageLength) || pageLength < 1 || pageLength > maxPageLength)
                    {
                        throw new FormatException($"--page-length takes a number from 1 to {maxPageLength.ToString(CultureInfo.InvariantCulture)}");
                    }

                    behaviour.DefaultPageLength = pageLength;
                    break;
                case "--updated-at-ordering":
                    behaviour.UpdatedAtOrdering = Value(args, ref i) switch
                    {
                        "supported" => UpdatedAtOrdering.Supported,
                        "refused" => UpdatedAtOrdering.Refused,
                        "ignored" => UpdatedAtOrdering.Ignored,
                        _ => throw new FormatException("--updated-at-ordering takes supported, refused or ignored"),
                    };
                    break;
                case "--section-changes-keep-updated-at": behaviour.SectionChangesBumpUpdatedAt = false; break;
                case "--date-format":
                    wire.DateFormat = Value(args, ref i) switch
                    {
                        "iso-ms" => WireDateFormat.IsoMilliseconds,
                        "seconds" => WireDateFormat.Seconds,
                        _ => throw new FormatException("--date-format takes iso-ms or seconds"),
                    };
                    break;
                case "--quiet": quiet = true; break;
                default: throw new FormatException($"unknown argument {args[i]}");
            }
        }

        return (new CpaasSandboxOptions { Port = port, AdminApiKey = adminKey, CustomerApiKey = customerKey, Wire = wire, Behaviour = behaviour }, quiet);
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new FormatException($"{args[i - 1]} needs a value");
}

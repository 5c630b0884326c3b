using Cpaas.Operator.Composition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Cpaas.Operator.Hosting;

/// <summary>
/// The operator process: settings, logging, then the object graph (<see cref="OperatorComposition"/>: the Kubernetes
/// and CPaaS clients, the manager with its informers, the CpaasProject controller and the drift sweep). Runs until
/// <paramref name="stoppingToken"/> fires (SIGTERM/SIGINT in the real process), then stops taking work and lets
/// in-flight reconciles finish.
/// </summary>
public static partial class OperatorHost
{
    /// <param name="ownsProcess">
    /// True in the operator's own process (Program): process-wide actions such as releasing the start-up memory
    /// with a garbage collection are its to take. False when a test runs hosts on its own thread pool.
    /// </param>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        Func<string, string?> environment,
        CancellationToken stoppingToken,
        ILoggerProvider? additionalLogs = null,
        bool ownsProcess = false)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var commandLine = OperatorCommandLine.Parse(args, environment);
        if (commandLine.HelpRequested)
        {
            await Console.Out.WriteAsync(HelpText.Render());
            return 0;
        }

        if (commandLine.Error is { } argumentError)
        {
            await Console.Error.WriteLineAsync(argumentError);
            return 2;
        }

        var options = new OperatorOptions();
        try
        {
            OperatorSettings.Build(commandLine).Bind(options);
        }
        catch (InvalidOperationException error)
        {
            await Console.Error.WriteLineAsync($"cpaas-operator: invalid setting: {error.Message}");
            return 2;
        }

        var problems = options.Validate();
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync($"cpaas-operator: {problem}");
            }

            return 2;
        }

        using var loggerFactory = OperatorLogging.Create(options, environment, additionalLogs);
        var logger = loggerFactory.CreateLogger("Cpaas.Operator");
        try
        {
            await RunOperatorAsync(options, environment, loggerFactory, ownsProcess, stoppingToken);
            return 0;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return 0;
        }
#pragma warning disable CA1031 // The process boundary: log what ended it and exit non-zero.
        catch (Exception error)
#pragma warning restore CA1031
        {
            LogFatal(logger, error.GetType().Name, error.Message);
            return 1;
        }
    }

    private static async Task RunOperatorAsync(
        OperatorOptions options, Func<string, string?> environment, ILoggerFactory loggerFactory, bool ownsProcess, CancellationToken stoppingToken)
    {
        var logger = loggerFactory.CreateLogger("Cpaas.Operator");
        await using var graph = OperatorComposition.Build(options, environment, loggerFactory, ownsProcess);
        if (graph.Credentials.Current is null)
        {
            LogNoDefaultCredentials(logger, options.CredentialsDirectory ?? "(none)");
        }

        var namespaces = options.WatchNamespaceList;
        LogStarting(logger, graph.Identity, namespaces.Count == 0 ? "all namespaces" : string.Join(",", namespaces), options.Workers, options.CpaasBaseUrl);
        if (!string.IsNullOrWhiteSpace(options.WatchLabelSelector))
        {
            LogShard(logger, options.WatchLabelSelector);
        }

        // The manager runs everything, the drift sweep included (a leader-only runnable). It completes on its own when
        // leadership is lost with ExitOnLeadershipLoss, and faults when a runnable failed: that ends the process.
        await graph.Manager.StartAsync(stoppingToken);
        try
        {
            await graph.Manager.Completion.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogStopping(logger);
        }

        await graph.Manager.StopAsync(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "cpaas-operator {Identity} starting: watching {Namespaces} with {Workers} workers, CPaaS API {CpaasBaseUrl}")]
    private static partial void LogStarting(ILogger logger, string identity, string namespaces, int workers, string cpaasBaseUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Managing only the CpaasProjects matching the label selector {Selector}")]
    private static partial void LogShard(ILogger logger, string selector);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: no new work; waiting for in-flight reconciles")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No default CPaaS credentials in {Directory} or the environment; only resources with spec.credentialsSecretRef can be reconciled until they appear")]
    private static partial void LogNoDefaultCredentials(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Critical, Message = "cpaas-operator stopped on an unexpected {ErrorType}: {Error}")]
    private static partial void LogFatal(ILogger logger, string errorType, string error);
}

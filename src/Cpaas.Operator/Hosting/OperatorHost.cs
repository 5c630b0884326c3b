using Controller.Runtime;
using Controller.Runtime.Client;
using Controller.Runtime.Controllers;
using Controller.Runtime.Events;
using Controller.Runtime.Health;
using Controller.Runtime.Hosting;
using Controller.Runtime.Informers;
using Controller.Runtime.LeaderElection;
using Controller.Runtime.Predicates;
using Cpaas.Client;
using Cpaas.Client.Diagnostics;
using Cpaas.Operator.Drift;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Reconciliation;
using Cpaas.Operator.Secrets;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Cpaas.Operator.Hosting;

/// <summary>
/// The operator process: settings, logging, the Kubernetes and CPaaS clients, the manager with its informers and
/// the CpaasProject controller. Runs until <paramref name="stoppingToken"/> fires (SIGTERM/SIGINT in the real
/// process), then stops taking work and lets in-flight reconciles finish.
/// </summary>
public static partial class OperatorHost
{
    public const string ControllerName = "cpaasproject";

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
        if (CommandLineCheck.FindError(args, OperatorSettings.Flags) is { } argumentError)
        {
            await Console.Error.WriteLineAsync(argumentError);
            return 2;
        }

        var options = new OperatorOptions();
        try
        {
            OperatorSettings.Build(args, environment).Bind(options);
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
        var time = TimeProvider.System;
        var identity = string.IsNullOrWhiteSpace(options.Identity) ? LeaderElectionOptions.DefaultIdentity() : options.Identity!;
        var namespaces = options.WatchNamespaceList;
        var kubernetesConfig = KubernetesConfiguration(options);
        // Our own connection, not KubernetesClient's Kubernetes class (see KubeConnection): the runtime talks raw REST.
        using var connection = new KubeConnection(kubernetesConfig);
        var kubernetes = new KubeApiTransport(connection, OperatorJson.Kube);

        await using var services = new ServiceCollection()
            .AddSingleton(loggerFactory)
            .AddLogging()
            .AddCpaasClient(client =>
            {
                client.RequestsPerSecondPerAccount = options.CpaasRateLimit;
                client.BurstPerAccount = options.CpaasBurst;
                client.TotalTimeout = Duration.Parse(options.CpaasTimeout);
                client.AttemptTimeout = TimeSpan.FromTicks(Math.Min(client.AttemptTimeout.Ticks, client.TotalTimeout.Ticks));
                client.LowPriorityRateShare = options.DriftRateShareFraction;
                client.UserAgent = $"cpaas-operator/{typeof(OperatorHost).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"} ({identity})";
            })
            .Services
            .BuildServiceProvider();
        var cpaas = services.GetRequiredService<ICpaasClient>();
        var meterFactory = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();

        using var credentials = new DefaultCredentialsSource(
            options.CredentialsDirectory, environment, time, TimeSpan.FromSeconds(30), loggerFactory.CreateLogger<DefaultCredentialsSource>());
        if (credentials.Current is null)
        {
            LogNoDefaultCredentials(logger, options.CredentialsDirectory ?? "(none)");
        }

        // A registry of this host's own (not the process-wide default), so that hosts in one test process stay apart.
        var registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(registry);
        using var clientMetrics = ClientMetricsExport.Start(registry, meterFactory, loggerFactory.CreateLogger<ClientMetricsExport>());

        var leaseDuration = Duration.Parse(options.LeaseDuration);
        await using var manager = new Manager(
            kubernetes,
            new ManagerOptions
            {
                Namespaces = namespaces.Count == 0 ? null : namespaces,
                LeaderElection = new LeaderElectionOptions
                {
                    Enabled = options.LeaderElect,
                    LeaseName = options.LeaderElectionId,
                    LeaseNamespace = options.LeaderElectionNamespace,
                    Identity = identity,
                    LeaseDuration = leaseDuration,
                    RenewDeadline = leaseDuration * 2 / 3,
                    RetryPeriod = leaseDuration / 7.5,
                },
                HealthServer = HealthServer(options),
                ReleaseMemory = ownsProcess,
            },
            loggerFactory,
            time,
            registry);

        // One pool for the strings every cached object repeats (docs/decisions/0063-project-cache-summary.md).
        var strings = new Controller.Runtime.Cache.StringPool();
        var projectTransform = new ProjectCacheTransform(strings);
        var projects = manager.AddInformer(new InformerOptions<CpaasProject>
        {
            Namespaces = namespaces.Count == 0 ? null : namespaces,
            LabelSelector = string.IsNullOrWhiteSpace(options.WatchLabelSelector) ? null : options.WatchLabelSelector,
            Transform = projectTransform.Apply,
            Json = ProjectSummaryJson.Kube,
        });
        projects.AddIndex(ProjectIndexes.ByAppId, ProjectIndexes.AppIds);
        Fleet.FleetMetrics.Register(manager.Registry, () => projects.Cache.HasSynced ? projects.Cache.List() : null, () => manager.IsLeader, time);

        // Connection Secrets by label, input Secrets by reference (docs/decisions/0030-metadata-only-secrets.md).
        using var secrets = OperatorSecrets.Register(manager, kubernetes, projects, namespaces, strings, time);

        // The drift sweep (docs/decisions/0040-drift-sweep.md) and the reconciler share the observe schedule and
        // the updated_at memory; a full observe that finds drift the sweep missed reports the account to the sweeper.
        var inputs = new InputResolver(secrets.InputSource, () => credentials.Current, new Uri(options.CpaasBaseUrl));
        var resync = new ResyncSchedule(Duration.Parse(options.ResyncInterval), 0.1, Random.Shared.NextDouble);
        var observeSchedule = new ObserveSchedule(resync, time);
        DriftSweeper? sweeper = null;
        var updatedAt = new ProjectUpdatedAt(time, account => sweeper?.MarkUpdatedAtUnreliable(account));
        var connectionSecrets = secrets.ConnectionStore;
        var reconciler = BuildReconciler(
            projects.Cache, connectionSecrets, manager, new ProjectGateway(cpaas), inputs, resync, observeSchedule, updatedAt, time, loggerFactory);

        var controller = manager.CreateController<CpaasProject>(ControllerName)
            .WithEventFilter(Predicates.GenerationOrMetadataChanged)
            .WithOptions(new ControllerOptions { MaxConcurrentReconciles = options.Workers, BackoffMax = Duration.Parse(options.RetryMaxDelay) })
            .Owns<V1Secret>()
            .Watches(secrets.Metadata, secrets.ReferrersOf)
            .Watches(secrets.Connection, secrets.ReferrersOf)
            .Complete(reconciler);

        var fingerprints = new KeyFingerprint();
        var managed = new CachedManagedProjects(projects.Cache, inputs, connectionSecrets, fingerprints, updatedAt);
        var sweepOptions = new DriftSweepOptions { Interval = Duration.Parse(options.DriftSweepInterval), Margin = Duration.Parse(options.DriftSweepMargin), TrustAfter = resync.Interval };
        sweeper = new DriftSweeper(
            cpaas,
            managed,
            new ReconcileFindingSink(observeSchedule, controller.Enqueue),
            fingerprints,
            new DriftMetrics(registry),
            sweepOptions,
            time,
            loggerFactory.CreateLogger<DriftSweeper>());
        var sweepLoop = new DriftSweepLoop(
            sweeper, managed, sweepOptions, () => manager.IsLeader, time, loggerFactory.CreateLogger<DriftSweepLoop>());

        // New default credentials may fix every resource that uses them: look at those again now.
        credentials.Changed += (_, _) =>
        {
            foreach (var project in projects.Cache.List().Where(p => p.Spec.CredentialsSecretRef is null))
            {
                controller.Enqueue(ObjectKey.From(project));
            }
        };

        LogStarting(logger, identity, namespaces.Count == 0 ? "all namespaces" : string.Join(",", namespaces), options.Workers, options.CpaasBaseUrl);
        if (!string.IsNullOrWhiteSpace(options.WatchLabelSelector))
        {
            LogShard(logger, options.WatchLabelSelector);
        }

        await manager.StartAsync(stoppingToken);

        // Beside the manager: sweeps once the caches hold what this process manages, on the leader only.
        using var sweeping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var sweeps = Task.Run(
            async () =>
            {
                if (await projects.WaitForSyncAsync(sweeping.Token) && await secrets.Connection.WaitForSyncAsync(sweeping.Token) && await secrets.Metadata.WaitForSyncAsync(sweeping.Token))
                {
                    await sweepLoop.RunAsync(sweeping.Token);
                }
            },
            CancellationToken.None);
        try
        {
            await manager.Completion.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogStopping(logger);
        }

        await sweeping.CancelAsync();
        try
        {
            await sweeps;
        }
        catch (OperationCanceledException) when (sweeping.IsCancellationRequested)
        {
        }

        await manager.StopAsync(CancellationToken.None);
    }

    /// <summary>The reconciler and its collaborators (docs/decisions/0020-reconcile-collaborators.md).</summary>
    private static CpaasProjectReconciler BuildReconciler(
        Controller.Runtime.Cache.IReadOnlyCache<CpaasProject> projects,
        IConnectionSecretStore connectionSecrets,
        Manager manager,
        IProjectGateway gateway,
        InputResolver inputs,
        ResyncSchedule resync,
        ObserveSchedule observeSchedule,
        ProjectUpdatedAt updatedAt,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        var options = new ReconcilerOptions();
        var projectClient = new KubernetesProjectClient(manager.GetClient<CpaasProject>());
        var activity = new ActivityRecorder(manager.GetEventRecorder(WellKnownNames.OperatorName), new OperatorMetrics(manager.Registry), loggerFactory.CreateLogger<ActivityRecorder>());
        var metadata = new MetadataWriter(projectClient, time);
        var status = new StatusWriter(projectClient, time, activity);
        var claims = new ProjectClaims(projects);
        return new CpaasProjectReconciler(
            new ProjectLoader(projects, projectClient),
            new ProjectFinalizer(
                new DeletionSuspender(gateway, inputs, claims, activity, new DeletionRetryWindow(options.DeletionRetryWindow, time)),
                metadata,
                new SuspendedForDeletionMemory(),
                activity),
            metadata,
            inputs,
            new ProjectProvisioner(gateway, metadata, status, claims, activity),
            new ObservePolicy(new ConvergedMemory(), observeSchedule, connectionSecrets),
            gateway,
            new KeyRotator(gateway, status, activity),
            new ConnectionSecretPublisher(connectionSecrets, activity),
            status,
            new FailureReporter(status, activity, new TerminalFailureMemory(), options, resync),
            updatedAt,
            activity);
    }

    private static KubernetesClientConfiguration KubernetesConfiguration(OperatorOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Kubeconfig))
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Kubeconfig);
        }

        return KubernetesClientConfiguration.IsInCluster()
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildDefaultConfig();
    }

    private static HealthServerOptions? HealthServer(OperatorOptions options)
    {
        var probe = ToUrl(options.HealthProbeBindAddress);
        var metrics = ToUrl(options.MetricsBindAddress);
        if (probe is null && metrics is null)
        {
            return null;
        }

        return new HealthServerOptions { ProbeAddress = probe ?? metrics!, MetricsAddress = metrics ?? probe };
    }

    private static string? ToUrl(string bindAddress) =>
        bindAddress == "0" || !BindAddress.TryParse(bindAddress, out var address)
            ? null
            : $"http://{(address.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address.Address}]" : address.Address.ToString())}:{address.Port}";

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

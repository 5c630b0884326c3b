using Controller.Runtime.Cache;
using Controller.Runtime.Client;
using Controller.Runtime.Controllers;
using Controller.Runtime.Events;
using Controller.Runtime.Health;
using Controller.Runtime.Informers;
using Controller.Runtime.LeaderElection;
using Controller.Runtime.Metrics;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace Controller.Runtime.Hosting;

/// <summary>
/// Owns informers, controllers, leader election, event recorders and the health/metrics server, and starts and
/// stops them in order (controller-runtime's manager):
/// start: health server, informers and event senders; once every cache has synced, campaign for the lease; while
/// leading, run the controllers. Stop: controllers drain (bounded), the lease is released, informers and event
/// senders stop, then the health server.
/// Informers run on every replica (warm caches for a fast failover); only the leader reconciles.
/// </summary>
public sealed class Manager : IInformerProvider, IHostedService, IAsyncDisposable
{
    private readonly ManagerOptions options;
    private readonly ManagerClients clients;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private readonly Dictionary<Type, IInformer> informers = [];
    private readonly List<IController> controllers = [];
    private readonly List<EventRecorder> recorders = [];
    private readonly List<Task> background = [];
    private readonly List<Task> recorderRuns = [];
    private readonly ControllerMetrics controllerMetrics;
    private readonly WorkQueueMetrics queueMetrics;
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly KubeApiTransport? transport;
    private CancellationTokenSource? informerStop;
    private CancellationTokenSource? controllerStop;
    private HealthServer? healthServer;
    private readonly LeaderElector? elector;
    private Task? mainLoop;
    private bool started;
    private bool stopping;

    /// <summary>A manager talking to the cluster of <paramref name="kubernetes"/>.</summary>
    public Manager(
        Kubernetes kubernetes,
        ManagerOptions options,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        CollectorRegistry? registry = null)
        : this(CreateClients(kubernetes, options), options, loggerFactory, timeProvider, registry)
    {
        transport = new KubeApiTransport(kubernetes);
    }

    /// <summary>A manager on explicit clients (tests, or custom transports).</summary>
    public Manager(
        ManagerClients clients,
        ManagerOptions options,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        CollectorRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        this.clients = clients;
        this.options = options;
        this.loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        logger = this.loggerFactory.CreateLogger("Controller.Runtime.Manager");
        time = timeProvider ?? TimeProvider.System;
        Registry = registry ?? Prometheus.Metrics.DefaultRegistry;
        controllerMetrics = new ControllerMetrics(Registry);
        queueMetrics = new WorkQueueMetrics(Registry);
        if (options.LeaderElection.Enabled)
        {
            var store = clients.LeaseStore ?? throw new ArgumentException("Leader election is enabled but no lease store was given.", nameof(clients));
            elector = new LeaderElector(store, options.LeaderElection, time, this.loggerFactory.CreateLogger("Controller.Runtime.LeaderElection"));
        }
    }

    /// <summary>The Prometheus registry the runtime's metrics are in (and /metrics serves).</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>True while this process may reconcile (always true when leader election is off and the manager runs).</summary>
    public bool IsLeader => elector?.IsLeader ?? (started && !stopping);

    /// <summary>The health server, once started (null when disabled).</summary>
    public HealthServer? HealthServer => healthServer;

    /// <summary>Completes when the manager stops on its own (leadership lost with ExitOnLeadershipLoss) or after StopAsync.</summary>
    public Task Completion => completion.Task;

    public IReadOnlyList<IController> Controllers
    {
        get
        {
            lock (gate)
            {
                return [.. controllers];
            }
        }
    }

    /// <summary>Registers an informer with its own options (selector, transform, namespaces). Call before <see cref="GetInformer{T}"/>.</summary>
    public Informer<T> AddInformer<T>(InformerOptions<T> informerOptions)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(informerOptions);
        lock (gate)
        {
            if (informers.ContainsKey(typeof(T)))
            {
                throw new InvalidOperationException($"An informer for {typeof(T).Name} already exists; configure it before first use.");
            }

            return CreateInformerLocked(informerOptions);
        }
    }

    /// <summary>The shared informer of a kind, created with the manager's namespaces on first use.</summary>
    public Informer<T> GetInformer<T>()
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (gate)
        {
            return informers.TryGetValue(typeof(T), out var existing)
                ? (Informer<T>)existing
                : CreateInformerLocked(new InformerOptions<T> { Namespaces = options.Namespaces });
        }
    }

    /// <summary>The cache of a kind (its informer's).</summary>
    public IReadOnlyCache<T> GetCache<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> => GetInformer<T>().Cache;

    /// <summary>A typed client for a kind (only for a manager built on a Kubernetes client).</summary>
    public ResourceClient<T> GetClient<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(transport ?? throw new InvalidOperationException("This manager was built without a Kubernetes client."));

    /// <summary>Starts building a controller for the primary kind <typeparamref name="T"/>.</summary>
    public ControllerBuilder<T> CreateController<T>(string name)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (gate)
        {
            if (started)
            {
                throw new InvalidOperationException("Controllers must be added before the manager starts.");
            }
        }

        return new ControllerBuilder<T>(name, this, time, loggerFactory, controllerMetrics, queueMetrics, Register);
    }

    /// <summary>An event recorder reporting as <paramref name="reportingController"/> (its sender runs with the manager).</summary>
    public IEventRecorder GetEventRecorder(string reportingController, IMessageSanitizer? sanitizer = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(reportingController);
        var recorder = new EventRecorder(
            clients.EventSink,
            new EventRecorderOptions
            {
                ReportingController = reportingController,
                ReportingInstance = options.LeaderElection.Identity,
                Sanitizer = sanitizer,
            },
            time,
            loggerFactory.CreateLogger("Controller.Runtime.Events"));
        lock (gate)
        {
            recorders.Add(recorder);
            if (started && informerStop is not null)
            {
                recorderRuns.Add(recorder.RunAsync(informerStop.Token));
            }
        }

        return recorder;
    }

    /// <summary>Alive unless the manager's main loop crashed.</summary>
    public HealthReport CheckLiveness() =>
        mainLoop is { IsFaulted: true } ? HealthReport.From(["manager loop failed"]) : HealthReport.Ok;

    /// <summary>Ready when every cache has synced and, while leading, every watch is healthy.</summary>
    public HealthReport CheckReadiness()
    {
        var problems = new List<string>();
        if (!started || stopping)
        {
            problems.Add(stopping ? "manager stopping" : "manager not started");
        }

        IInformer[] snapshot;
        lock (gate)
        {
            snapshot = [.. informers.Values];
        }

        var leading = IsLeader;
        foreach (var informer in snapshot)
        {
            if (!informer.HasSynced)
            {
                problems.Add($"cache {informer.Description} not synced");
            }
            else if (leading && !informer.IsWatchHealthy)
            {
                problems.Add($"watch {informer.Description} failing");
            }
        }

        return HealthReport.From(problems);
    }

    /// <summary>Starts everything in the background; returns once the health server listens.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (started)
            {
                throw new InvalidOperationException("The manager has already been started.");
            }

            started = true;
            informerStop = new CancellationTokenSource();
            controllerStop = new CancellationTokenSource();
        }

        if (options.HealthServer is { } healthOptions)
        {
            healthServer = new HealthServer(healthOptions, CheckLiveness, CheckReadiness, Registry);
            await healthServer.StartAsync(cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Probes on {ProbeUrl}, metrics on {MetricsUrl}", healthServer.ProbeUrl, healthServer.MetricsUrl);
        }

        lock (gate)
        {
            foreach (var informer in informers.Values)
            {
                background.Add(RunInformerAsync(informer, informerStop.Token));
            }

            foreach (var recorder in recorders)
            {
                recorderRuns.Add(recorder.RunAsync(informerStop.Token));
            }
        }

        mainLoop = Task.Run(() => RunMainLoopAsync(controllerStop.Token), CancellationToken.None);
    }

    /// <summary>Stops in order: controllers (drained), lease, informers, event senders, health server.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!started || stopping)
            {
                return;
            }

            stopping = true;
        }

        logger.LogInformation("Stopping the manager");
        using var overall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        overall.CancelAfter(options.GracefulShutdownTimeout);
        await controllerStop!.CancelAsync().ConfigureAwait(false);
        if (mainLoop is not null)
        {
            await WaitQuietlyAsync(mainLoop, overall.Token).ConfigureAwait(false);
        }

        // Events written by the last reconciles still go out: the senders drain their queues (briefly).
        foreach (var recorder in Recorders())
        {
            recorder.Complete();
        }

        Task[] senders;
        lock (gate)
        {
            senders = [.. recorderRuns];
        }

        using (var drain = CancellationTokenSource.CreateLinkedTokenSource(overall.Token))
        {
            drain.CancelAfter(TimeSpan.FromSeconds(5));
            await WaitQuietlyAsync(Task.WhenAll(senders), drain.Token).ConfigureAwait(false);
        }

        await informerStop!.CancelAsync().ConfigureAwait(false);
        Task[] loops;
        lock (gate)
        {
            loops = [.. background, .. recorderRuns];
        }

        await WaitQuietlyAsync(Task.WhenAll(loops), overall.Token).ConfigureAwait(false);
        if (healthServer is not null)
        {
            await healthServer.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        completion.TrySetResult();
        logger.LogInformation("Manager stopped");
    }

    /// <summary>Starts, runs until cancelled or until the manager ends on its own, then stops.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.WhenAny(Completion, Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        if (healthServer is not null)
        {
            await healthServer.DisposeAsync().ConfigureAwait(false);
        }

        informerStop?.Dispose();
        controllerStop?.Dispose();
    }

    private static ManagerClients CreateClients(Kubernetes kubernetes, ManagerOptions options)
    {
        ArgumentNullException.ThrowIfNull(kubernetes);
        ArgumentNullException.ThrowIfNull(options);
        var election = options.LeaderElection;
        return new ManagerClients(
            new KubernetesListerWatcherFactory(new KubeApiTransport(kubernetes)),
            new KubernetesEventSink(kubernetes),
            election.Enabled ? new KubernetesLeaseStore(kubernetes, election.LeaseNamespace, election.LeaseName) : null);
    }

    private static async Task WaitQuietlyAsync(Task task, CancellationToken cancellationToken)
    {
        try
        {
            await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Stopping goes on whatever one part did; failures were logged where they happened.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private EventRecorder[] Recorders()
    {
        lock (gate)
        {
            return [.. recorders];
        }
    }

    private Informer<T> CreateInformerLocked<T>(InformerOptions<T> informerOptions)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var informer = new Informer<T>(
            clients.ListerWatchers.Create<T>(),
            informerOptions,
            time,
            loggerFactory.CreateLogger($"Controller.Runtime.Informer.{typeof(T).Name}"));
        informers[typeof(T)] = informer;
        if (started && !stopping && informerStop is not null)
        {
            background.Add(RunInformerAsync(informer, informerStop.Token));
        }

        return informer;
    }

    private void Register(IController controller)
    {
        lock (gate)
        {
            controllers.Add(controller);
        }
    }

    private Task RunInformerAsync(IInformer informer, CancellationToken cancellationToken) =>
        Task.Run(
            async () =>
            {
                try
                {
                    await informer.RunAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Stopping.
                }
                catch (Exception e)
                {
                    logger.LogCritical(e, "Informer {Informer} crashed", informer.Description);
                    throw;
                }
            },
            CancellationToken.None);

    private async Task RunMainLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            IInformer[] snapshot;
            lock (gate)
            {
                snapshot = [.. informers.Values];
            }

            foreach (var informer in snapshot)
            {
                if (!await informer.WaitForSyncAsync(stoppingToken).ConfigureAwait(false))
                {
                    return;
                }
            }

            logger.LogInformation("All {Count} caches synced", snapshot.Length);
            if (elector is null)
            {
                await RunControllersAsync(stoppingToken, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                var lost = await elector.RunOnceAsync(RunControllersAsync, stoppingToken).ConfigureAwait(false);
                if (!lost)
                {
                    return;
                }

                if (options.LeaderElection.ExitOnLeadershipLoss)
                {
                    logger.LogWarning("Leadership lost; the manager stops (ExitOnLeadershipLoss)");
                    completion.TrySetResult();
                    return;
                }

                logger.LogInformation("Leadership lost; workers stopped, campaigning again");
            }
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "The manager's main loop failed");
            completion.TrySetException(e);
            throw;
        }
    }

    private async Task RunControllersAsync(CancellationToken stoppingToken, CancellationToken abortToken)
    {
        IController[] snapshot;
        lock (gate)
        {
            snapshot = [.. controllers];
        }

        await Task.WhenAll(snapshot.Select(c => c.RunAsync(stoppingToken, abortToken))).ConfigureAwait(false);
    }
}

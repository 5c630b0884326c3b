using Controller.Runtime.Cache;
using Controller.Runtime.Client;
using Controller.Runtime.Controllers;
using Controller.Runtime.Events;
using Controller.Runtime.Health;
using Controller.Runtime.Informers;
using Controller.Runtime.LeaderElection;
using Controller.Runtime.Metrics;
using Controller.Runtime.Resources;
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
/// leading, run the controllers and the runnables that need leadership (<see cref="Add"/>); runnables that do not
/// need it start on every replica once the caches synced. Stop: controllers drain (bounded) and runnables are
/// cancelled, the lease is released, informers and event senders stop, then the health server.
/// Informers run on every replica (warm caches for a fast failover); only the leader reconciles.
/// A runnable that fails stops the manager: <see cref="Completion"/> faults with a <see cref="RunnableFailedException"/>
/// (docs/decisions/0069-runnables-and-composition-root.md).
/// </summary>
public sealed class Manager : IInformerProvider, IHostedService, IAsyncDisposable
{
    private readonly ManagerOptions _options;
    private readonly ManagerClients _clients;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    // Typed informers by CLR type; metadata-only informers by (MetadataKey, resource type).
    private readonly Dictionary<object, IInformer> _informers = [];
    private readonly List<IController> _controllers = [];
    private readonly List<IRunnable> _runnables = [];
    private readonly List<EventRecorder> _recorders = [];
    private readonly List<Task> _background = [];
    private readonly List<Task> _recorderRuns = [];
    private readonly ControllerMetrics _controllerMetrics;
    private readonly WorkQueueMetrics _queueMetrics;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly KubeApiTransport? _transport;
    private CancellationTokenSource? _informerStop;
    private CancellationTokenSource? _controllerStop;
    private HealthServer? _healthServer;
    private readonly LeaderElector? _elector;
    private Task? _mainLoop;
    private bool _started;
    private bool _stopping;

    /// <summary>A manager talking to the cluster of <paramref name="kubernetes"/>.</summary>
    public Manager(
        Kubernetes kubernetes,
        ManagerOptions options,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        CollectorRegistry? registry = null)
        : this(new KubeApiTransport(kubernetes, options?.Json), options!, loggerFactory, timeProvider, registry)
    {
    }

    /// <summary>A manager talking to the API server over <paramref name="transport"/> (its JSON is used, not <see cref="ManagerOptions.Json"/>).</summary>
    public Manager(
        KubeApiTransport transport,
        ManagerOptions options,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        CollectorRegistry? registry = null)
        : this(CreateClients(transport, options), options, loggerFactory, timeProvider, registry)
    {
        _transport = transport;
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
        _clients = clients;
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger("Controller.Runtime.Manager");
        _time = timeProvider ?? TimeProvider.System;
        Registry = registry ?? Prometheus.Metrics.DefaultRegistry;
        _controllerMetrics = new ControllerMetrics(Registry);
        _queueMetrics = new WorkQueueMetrics(Registry);
        if (options.LeaderElection.Enabled)
        {
            var store = clients.LeaseStore ?? throw new ArgumentException("Leader election is enabled but no lease store was given.", nameof(clients));
            _elector = new LeaderElector(store, options.LeaderElection, _time, _loggerFactory.CreateLogger("Controller.Runtime.LeaderElection"));
        }
    }

    /// <summary>The Prometheus registry the runtime's metrics are in (and /metrics serves).</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>True while this process may reconcile (always true when leader election is off and the manager runs).</summary>
    public bool IsLeader => _elector?.IsLeader ?? (_started && !_stopping);

    /// <summary>The health server, once started (null when disabled).</summary>
    public HealthServer? HealthServer => _healthServer;

    /// <summary>
    /// Completes when the manager stops on its own (leadership lost with ExitOnLeadershipLoss) or after StopAsync;
    /// faults when the main loop crashed or a runnable failed (<see cref="RunnableFailedException"/>). The owner stops
    /// the manager then (<see cref="RunAsync"/> does, and rethrows).
    /// </summary>
    public Task Completion => _completion.Task;

    public IReadOnlyList<IController> Controllers
    {
        get
        {
            lock (_gate)
            {
                return [.. _controllers];
            }
        }
    }

    /// <summary>Registers an informer with its own options (selector, transform, namespaces). Call before <see cref="GetInformer{T}"/>.</summary>
    public Informer<T> AddInformer<T>(InformerOptions<T> informerOptions)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(informerOptions);
        lock (_gate)
        {
            if (_informers.ContainsKey(typeof(T)))
            {
                throw new InvalidOperationException($"An informer for {typeof(T).Name} already exists; configure it before first use.");
            }

            return CreateInformerLocked(informerOptions);
        }
    }

    /// <summary>
    /// Registers a metadata-only informer of a kind (<see cref="MetadataClient"/>): its cache holds each object's
    /// metadata only, so watching Secrets this way tells which changed without keeping their data. Use it with
    /// <see cref="ControllerBuilder{T}.Watches{TWatched}(Informer{TWatched}, Func{TWatched, IEnumerable{ObjectKey}}, Predicates.EventPredicate[])"/>
    /// and <see cref="Cache.ReferencedObjectCache{T}"/>. Call before <see cref="GetMetadataInformer"/>.
    /// </summary>
    public Informer<PartialObjectMetadata> AddMetadataInformer(ResourceType resourceType, InformerOptions<PartialObjectMetadata>? informerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        lock (_gate)
        {
            if (_informers.ContainsKey(MetadataKey(resourceType)))
            {
                throw new InvalidOperationException($"A metadata informer for {resourceType} already exists; configure it before first use.");
            }

            return CreateMetadataInformerLocked(resourceType, informerOptions ?? new InformerOptions<PartialObjectMetadata> { Namespaces = _options.Namespaces });
        }
    }

    /// <summary>The shared metadata-only informer of a kind, created with the manager's namespaces on first use.</summary>
    public Informer<PartialObjectMetadata> GetMetadataInformer(ResourceType resourceType)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        lock (_gate)
        {
            return _informers.TryGetValue(MetadataKey(resourceType), out var existing)
                ? (Informer<PartialObjectMetadata>)existing
                : CreateMetadataInformerLocked(resourceType, new InformerOptions<PartialObjectMetadata> { Namespaces = _options.Namespaces });
        }
    }

    /// <summary>The shared informer of a kind, created with the manager's namespaces on first use.</summary>
    public Informer<T> GetInformer<T>()
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (_gate)
        {
            return _informers.TryGetValue(typeof(T), out var existing)
                ? (Informer<T>)existing
                : CreateInformerLocked(new InformerOptions<T> { Namespaces = _options.Namespaces });
        }
    }

    /// <summary>The cache of a kind (its informer's).</summary>
    public IReadOnlyCache<T> GetCache<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> => GetInformer<T>().Cache;

    /// <summary>A typed client for a kind (only for a manager built on a Kubernetes client).</summary>
    public ResourceClient<T> GetClient<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(_transport ?? throw new InvalidOperationException("This manager was built without a Kubernetes client."));

    /// <summary>
    /// Adds work the manager runs with its lifecycle (<see cref="IRunnable"/>): once every cache has synced, and, when
    /// it <see cref="IRunnable.NeedsLeaderElection">needs leadership</see>, only during each term this process leads,
    /// cancelled when the term ends. Add before the manager starts.
    /// </summary>
    public void Add(IRunnable runnable)
    {
        ArgumentNullException.ThrowIfNull(runnable);
        lock (_gate)
        {
            if (_started)
            {
                throw new InvalidOperationException("Runnables must be added before the manager starts.");
            }

            _runnables.Add(runnable);
        }
    }

    /// <summary>Starts building a controller for the primary kind <typeparamref name="T"/>.</summary>
    public ControllerBuilder<T> CreateController<T>(string name)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (_gate)
        {
            if (_started)
            {
                throw new InvalidOperationException("Controllers must be added before the manager starts.");
            }
        }

        return new ControllerBuilder<T>(name, this, _time, _loggerFactory, _controllerMetrics, _queueMetrics, Register);
    }

    /// <summary>An event recorder reporting as <paramref name="reportingController"/> (its sender runs with the manager).</summary>
    public IEventRecorder GetEventRecorder(string reportingController, IMessageSanitizer? sanitizer = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(reportingController);
        var recorder = new EventRecorder(
            _clients.EventSink,
            new EventRecorderOptions
            {
                ReportingController = reportingController,
                ReportingInstance = _options.LeaderElection.Identity,
                Sanitizer = sanitizer,
            },
            _time,
            _loggerFactory.CreateLogger("Controller.Runtime.Events"));
        lock (_gate)
        {
            _recorders.Add(recorder);
            if (_started && _informerStop is not null)
            {
                _recorderRuns.Add(recorder.RunAsync(_informerStop.Token));
            }
        }

        return recorder;
    }

    /// <summary>Alive unless the manager's main loop crashed or a runnable failed.</summary>
    public HealthReport CheckLiveness() =>
        _mainLoop is { IsFaulted: true } ? HealthReport.From(["manager loop failed"])
        : _completion.Task.IsFaulted ? HealthReport.From(["a runnable failed"])
        : HealthReport.Ok;

    /// <summary>Ready when every cache has synced and, while leading, every watch is healthy.</summary>
    public HealthReport CheckReadiness()
    {
        var problems = new List<string>();
        if (!_started || _stopping)
        {
            problems.Add(_stopping ? "manager stopping" : "manager not started");
        }

        IInformer[] snapshot;
        lock (_gate)
        {
            snapshot = [.. _informers.Values];
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
        lock (_gate)
        {
            if (_started)
            {
                throw new InvalidOperationException("The manager has already been started.");
            }

            _started = true;
            _informerStop = new CancellationTokenSource();
            _controllerStop = new CancellationTokenSource();
        }

        if (_options.HealthServer is { } healthOptions)
        {
            _healthServer = new HealthServer(healthOptions, CheckLiveness, CheckReadiness, Registry);
            await _healthServer.StartAsync(cancellationToken);
            _logger.LogInformation("Probes on {ProbeUrl}, metrics on {MetricsUrl}", _healthServer.ProbeUrl, _healthServer.MetricsUrl);
        }

        lock (_gate)
        {
            foreach (var informer in _informers.Values)
            {
                _background.Add(RunInformerAsync(informer, _informerStop.Token));
            }

            foreach (var recorder in _recorders)
            {
                _recorderRuns.Add(recorder.RunAsync(_informerStop.Token));
            }
        }

        _mainLoop = Task.Run(() => RunMainLoopAsync(_controllerStop.Token), CancellationToken.None);
    }

    /// <summary>Stops in order: controllers (drained), lease, informers, event senders, health server.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_started || _stopping)
            {
                return;
            }

            _stopping = true;
        }

        _logger.LogInformation("Stopping the manager");
        using var overall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        overall.CancelAfter(_options.GracefulShutdownTimeout);
        await _controllerStop!.CancelAsync();
        if (_mainLoop is not null)
        {
            await WaitQuietlyAsync(_mainLoop, overall.Token);
        }

        // Events written by the last reconciles still go out: the senders drain their queues (briefly).
        foreach (var recorder in Recorders())
        {
            recorder.Complete();
        }

        Task[] senders;
        lock (_gate)
        {
            senders = [.. _recorderRuns];
        }

        using (var drain = CancellationTokenSource.CreateLinkedTokenSource(overall.Token))
        {
            drain.CancelAfter(TimeSpan.FromSeconds(5));
            await WaitQuietlyAsync(Task.WhenAll(senders), drain.Token);
        }

        await _informerStop!.CancelAsync();
        Task[] loops;
        lock (_gate)
        {
            loops = [.. _background, .. _recorderRuns];
        }

        await WaitQuietlyAsync(Task.WhenAll(loops), overall.Token);
        if (_healthServer is not null)
        {
            await _healthServer.StopAsync(CancellationToken.None);
        }

        _completion.TrySetResult();
        _logger.LogInformation("Manager stopped");
    }

    /// <summary>
    /// Starts, runs until cancelled or until the manager ends on its own, then stops; throws what ended it when that
    /// was a failure (a runnable's <see cref="RunnableFailedException"/>, or the main loop's).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        try
        {
            await Task.WhenAny(Completion, Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken));
        }
        finally
        {
            await StopAsync(CancellationToken.None);
        }

        await Completion;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        if (_healthServer is not null)
        {
            await _healthServer.DisposeAsync();
        }

        _informerStop?.Dispose();
        _controllerStop?.Dispose();
    }

    private static ManagerClients CreateClients(KubeApiTransport transport, ManagerOptions options)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        var election = options.LeaderElection;
        return new ManagerClients(
            new KubernetesListerWatcherFactory(transport),
            new KubernetesEventSink(transport),
            election.Enabled ? new KubernetesLeaseStore(transport, election.LeaseNamespace, election.LeaseName) : null);
    }

    private static async Task WaitQuietlyAsync(Task task, CancellationToken cancellationToken)
    {
        try
        {
            await task.WaitAsync(cancellationToken);
        }
#pragma warning disable CA1031 // Stopping goes on whatever one part did; failures were logged where they happened.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private EventRecorder[] Recorders()
    {
        lock (_gate)
        {
            return [.. _recorders];
        }
    }

    private Informer<T> CreateInformerLocked<T>(InformerOptions<T> informerOptions)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var informer = new Informer<T>(
            _clients.ListerWatchers.Create<T>(informerOptions.Json),
            informerOptions,
            _time,
            _loggerFactory.CreateLogger($"Controller.Runtime.Informer.{typeof(T).Name}"));
        _informers[typeof(T)] = informer;
        if (_started && !_stopping && _informerStop is not null)
        {
            _background.Add(RunInformerAsync(informer, _informerStop.Token));
        }

        return informer;
    }

    private static (string, ResourceType) MetadataKey(ResourceType resourceType) => ("metadata", resourceType);

    private Informer<PartialObjectMetadata> CreateMetadataInformerLocked(ResourceType resourceType, InformerOptions<PartialObjectMetadata> informerOptions)
    {
        var informer = new Informer<PartialObjectMetadata>(
            _clients.ListerWatchers.CreateMetadata(resourceType),
            informerOptions with { Name = informerOptions.Name ?? $"{resourceType} (metadata)" },
            _time,
            _loggerFactory.CreateLogger($"Controller.Runtime.Informer.{resourceType.Kind}Metadata"));
        _informers[MetadataKey(resourceType)] = informer;
        if (_started && !_stopping && _informerStop is not null)
        {
            _background.Add(RunInformerAsync(informer, _informerStop.Token));
        }

        return informer;
    }

    private void Register(IController controller)
    {
        lock (_gate)
        {
            _controllers.Add(controller);
        }
    }

    private Task RunInformerAsync(IInformer informer, CancellationToken cancellationToken) =>
        Task.Run(
            async () =>
            {
                try
                {
                    await informer.RunAsync(cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Stopping.
                }
                catch (Exception e)
                {
                    _logger.LogCritical(e, "Informer {Informer} crashed", informer.Description);
                    throw;
                }
            },
            CancellationToken.None);

    private async Task RunMainLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            IInformer[] snapshot;
            lock (_gate)
            {
                snapshot = [.. _informers.Values];
            }

            foreach (var informer in snapshot)
            {
                if (!await informer.WaitForSyncAsync(stoppingToken))
                {
                    return;
                }
            }

            _logger.LogInformation("All {Count} caches synced", snapshot.Length);
            if (_options.ReleaseMemory)
            {
                var memory = new MemoryRelease(_logger, _time, _options.MemoryReleaseInterval);
                memory.ReleaseNow("the initial lists");
                lock (_gate)
                {
                    _background.Add(memory.RunWhenQuietAsync(_informerStop!.Token));
                }
            }

            var everyReplica = StartRunnables(leaderOnly: false, stoppingToken);
            try
            {
                await RunLeaderWorkWhileLeadingAsync(stoppingToken);
            }
            finally
            {
                // They never throw (RunRunnableAsync reports failures); they end once stoppingToken fires.
                await Task.WhenAll(everyReplica);
            }
        }
        catch (Exception e)
        {
            _logger.LogCritical(e, "The manager's main loop failed");
            _completion.TrySetException(e);
            throw;
        }
    }

    private async Task RunLeaderWorkWhileLeadingAsync(CancellationToken stoppingToken)
    {
        if (_elector is null)
        {
            await RunLeaderWorkAsync(stoppingToken, CancellationToken.None);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var lost = await _elector.RunOnceAsync(RunLeaderWorkAsync, stoppingToken);
            if (!lost)
            {
                return;
            }

            if (_options.LeaderElection.ExitOnLeadershipLoss)
            {
                _logger.LogWarning("Leadership lost; the manager stops (ExitOnLeadershipLoss)");
                _completion.TrySetResult();
                return;
            }

            _logger.LogInformation("Leadership lost; workers and leader runnables stopped, campaigning again");
        }
    }

    /// <summary>
    /// One term's work: the controllers and the leader-only runnables. <paramref name="termToken"/> fires when the
    /// term ends for any reason (the runnables' token); <paramref name="abortToken"/> only when leadership was lost.
    /// </summary>
    private async Task RunLeaderWorkAsync(CancellationToken termToken, CancellationToken abortToken)
    {
        IController[] snapshot;
        lock (_gate)
        {
            snapshot = [.. _controllers];
        }

        var runnables = StartRunnables(leaderOnly: true, termToken);
        await Task.WhenAll([.. snapshot.Select(c => c.RunAsync(termToken, abortToken)), .. runnables]);
    }

    private Task[] StartRunnables(bool leaderOnly, CancellationToken cancellationToken)
    {
        IRunnable[] snapshot;
        lock (_gate)
        {
            snapshot = [.. _runnables.Where(r => r.NeedsLeaderElection == leaderOnly)];
        }

        return [.. snapshot.Select(r => Task.Run(() => RunRunnableAsync(r, leaderOnly, cancellationToken), CancellationToken.None))];
    }

    /// <summary>Runs one runnable; a failure is logged and stops the manager (never swallowed, never thrown here).</summary>
    private async Task RunRunnableAsync(IRunnable runnable, bool leaderOnly, CancellationToken cancellationToken)
    {
        _logger.LogDebug("Starting runnable {Runnable}", runnable.Name);
        try
        {
            await runnable.RunAsync(cancellationToken);
            _logger.LogDebug("Runnable {Runnable} ended", runnable.Name);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Its term or the manager ended.
        }
#pragma warning disable CA1031 // Reported, not swallowed: the manager's Completion faults and its owner stops it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.LogCritical(e, "Runnable {Runnable} failed; the manager stops", runnable.Name);
            _completion.TrySetException(new RunnableFailedException(runnable.Name, e, leaderOnly));
        }
    }
}

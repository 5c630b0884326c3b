using Controller.Runtime.Informers;
using Controller.Runtime.Metrics;
using Controller.Runtime.Queue;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Controller.Runtime.Controllers;

/// <summary>
/// Runs a reconciler over a work queue of keys fed by informer event sources: N workers, per-key serialisation
/// and backoff, controller-runtime metrics, graceful shutdown. Built with <see cref="ControllerBuilder{T}"/>.
/// </summary>
public sealed class ReconcileController : IController
{
    private readonly IReconciler _reconciler;
    private readonly ControllerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ControllerMetrics.Handles? _metrics;
    private readonly WorkQueueMetrics? _queueMetrics;
    private readonly Func<IEnumerable<ObjectKey>> _initialKeys;
    private WorkQueue<ObjectKey>? _current;

    internal ReconcileController(
        string name,
        IReconciler reconciler,
        ControllerOptions options,
        IReadOnlyList<IInformer> informers,
        Func<IEnumerable<ObjectKey>> initialKeys,
        TimeProvider? timeProvider,
        ILogger? logger,
        ControllerMetrics? metrics,
        WorkQueueMetrics? queueMetrics)
    {
        options.Validate();
        Name = name;
        _reconciler = reconciler;
        _options = options;
        Informers = informers;
        _initialKeys = initialKeys;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _metrics = metrics?.For(name);
        _queueMetrics = queueMetrics;
        _metrics?.MaxConcurrentReconciles.Set(options.MaxConcurrentReconciles);
    }

    public string Name { get; }

    public IReadOnlyList<IInformer> Informers { get; }

    /// <summary>True while workers run.</summary>
    public bool IsRunning => Volatile.Read(ref _current) is not null;

    public void Enqueue(ObjectKey key) => Enqueue(key, WorkPriority.High);

    public void Enqueue(ObjectKey key, WorkPriority priority) => Volatile.Read(ref _current)?.Add(key, priority);

    public async Task RunAsync(CancellationToken stoppingToken, CancellationToken abortToken = default)
    {
        foreach (var informer in Informers)
        {
            if (!await informer.WaitForSyncAsync(stoppingToken))
            {
                return;
            }
        }

        using var queue = new WorkQueue<ObjectKey>(new WorkQueueOptions<ObjectKey>
        {
            Name = Name,
            TimeProvider = _time,
            Metrics = _queueMetrics,
            LowPriorityShare = _options.LowPriorityShare,
            RateLimiter = RateLimiters.Default<ObjectKey>(_time, _options.BackoffBase, _options.BackoffMax, _options.RetriesPerSecond, _options.RetryBurst),
        });
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(abortToken);

        // The queue stops handing out keys the moment stopping is requested, not when this method's continuation
        // gets to run: otherwise a worker finishing its reconcile could still take one more key.
        using var stopHandingOut = stoppingToken.Register(queue.ShutDown);
        if (Interlocked.CompareExchange(ref _current, queue, null) is not null)
        {
            throw new InvalidOperationException($"The controller {Name} is already running.");
        }

        try
        {
            // Events seen before this run were dropped: start from everything the primary cache holds, at low
            // priority (as controller-runtime treats the initial list), so changes made meanwhile go first.
            foreach (var key in _initialKeys())
            {
                queue.Add(key, WorkPriority.Low);
            }

            _logger.LogInformation("Starting {Workers} workers for controller {Controller}", _options.MaxConcurrentReconciles, Name);
            var workers = Enumerable.Range(0, _options.MaxConcurrentReconciles)
                .Select(_ => Task.Run(() => WorkAsync(queue, abort.Token), CancellationToken.None))
                .ToList();

            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                // Stopping: fall through to the drain.
            }

            Interlocked.Exchange(ref _current, null);
            _logger.LogInformation("Stopping controller {Controller}: waiting up to {Timeout} for {InFlight} in-flight reconciles", Name, _options.GracefulShutdownTimeout, queue.ProcessingCount);
            using (var drainTimeout = new CancellationTokenSource(_options.GracefulShutdownTimeout, _time))
            using (var drainOrAbort = CancellationTokenSource.CreateLinkedTokenSource(drainTimeout.Token, abortToken))
            {
                try
                {
                    await queue.ShutDownWithDrainAsync(drainOrAbort.Token);
                }
                catch (OperationCanceledException)
                {
                    _logger.LogWarning("Controller {Controller}: cancelling {InFlight} reconciles still running", Name, queue.ProcessingCount);
                    await abort.CancelAsync();
                }
            }

            await Task.WhenAll(workers);
            _logger.LogInformation("Controller {Controller} stopped", Name);
        }
        finally
        {
            Interlocked.CompareExchange(ref _current, null, queue);
        }
    }

    private async Task WorkAsync(WorkQueue<ObjectKey> queue, CancellationToken abortToken)
    {
        while (true)
        {
            var item = await queue.GetAsync(CancellationToken.None);
            if (item.Shutdown)
            {
                return;
            }

            _metrics?.ActiveWorkers.Inc();
            try
            {
                await ReconcileAsync(queue, item, abortToken);
            }
            finally
            {
                _metrics?.ActiveWorkers.Dec();
                queue.Done(item.Key);
            }
        }
    }

    private async Task ReconcileAsync(WorkQueue<ObjectKey> queue, QueueItem<ObjectKey> item, CancellationToken abortToken)
    {
        var key = item.Key;
        var reconcileId = Guid.NewGuid().ToString("N")[..16];
        // A message-template scope: structured properties in JSON logs, a readable prefix in text logs.
        using var scope = _logger.BeginScope(
            "controller={Controller} namespace={Namespace} name={Name} reconcileID={ReconcileID}", Name, key.Namespace, key.Name, reconcileId);
        var started = _time.GetTimestamp();
        try
        {
            var result = await _reconciler.ReconcileAsync(key, abortToken);
            switch (result.Outcome)
            {
                case ReconcileOutcome.RequeueAfter:
                    queue.Forget(key);
                    queue.AddAfter(key, result.Delay, result.Priority);
                    _metrics?.RequeueAfter.Inc();
                    break;
                case ReconcileOutcome.Terminal:
                    queue.Forget(key);
                    _metrics?.Error.Inc();
                    _metrics?.Errors.Inc();
                    _metrics?.TerminalErrors.Inc();
                    _logger.LogError("Reconcile of {Key} failed terminally, not retrying until the object changes: {Reason}", key, result.Message);
                    break;
                case ReconcileOutcome.Requeue:
                    // Retries keep the priority the key was taken with (controller-runtime does the same).
                    queue.AddRateLimited(key, item.Priority);
                    _metrics?.Requeue.Inc();
                    break;
                default:
                    queue.Forget(key);
                    _metrics?.Success.Inc();
                    break;
            }
        }
        catch (OperationCanceledException) when (abortToken.IsCancellationRequested)
        {
            // Leadership lost or shutdown timed out: the next leader or run picks the key up from the cache.
            _logger.LogInformation("Reconcile of {Key} cancelled", key);
        }
#pragma warning disable CA1031 // Any reconciler failure is retried with backoff; it must never kill a worker.
        catch (Exception e)
#pragma warning restore CA1031
        {
            queue.AddRateLimited(key, item.Priority);
            _metrics?.Error.Inc();
            _metrics?.Errors.Inc();
            _logger.LogError(e, "Reconcile of {Key} failed; retry {Retry} with backoff", key, queue.NumRequeues(key));
        }
        finally
        {
            _metrics?.ReconcileTime.Observe(_time.GetElapsedTime(started).TotalSeconds);
        }
    }
}

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
    private readonly IReconciler reconciler;
    private readonly ControllerOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ControllerMetrics.Handles? metrics;
    private readonly WorkQueueMetrics? queueMetrics;
    private readonly Func<IEnumerable<ObjectKey>> initialKeys;
    private WorkQueue<ObjectKey>? current;

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
        this.reconciler = reconciler;
        this.options = options;
        Informers = informers;
        this.initialKeys = initialKeys;
        time = timeProvider ?? TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
        this.metrics = metrics?.For(name);
        this.queueMetrics = queueMetrics;
        this.metrics?.MaxConcurrentReconciles.Set(options.MaxConcurrentReconciles);
    }

    public string Name { get; }

    public IReadOnlyList<IInformer> Informers { get; }

    /// <summary>True while workers run.</summary>
    public bool IsRunning => Volatile.Read(ref current) is not null;

    public void Enqueue(ObjectKey key) => Volatile.Read(ref current)?.Add(key);

    public async Task RunAsync(CancellationToken stoppingToken, CancellationToken abortToken = default)
    {
        foreach (var informer in Informers)
        {
            if (!await informer.WaitForSyncAsync(stoppingToken).ConfigureAwait(false))
            {
                return;
            }
        }

        using var queue = new WorkQueue<ObjectKey>(new WorkQueueOptions<ObjectKey>
        {
            Name = Name,
            TimeProvider = time,
            Metrics = queueMetrics,
            RateLimiter = RateLimiters.Default<ObjectKey>(time, options.BackoffBase, options.BackoffMax, options.RetriesPerSecond, options.RetryBurst),
        });
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(abortToken);

        // The queue stops handing out keys the moment stopping is requested, not when this method's continuation
        // gets to run: otherwise a worker finishing its reconcile could still take one more key.
        using var stopHandingOut = stoppingToken.Register(queue.ShutDown);
        if (Interlocked.CompareExchange(ref current, queue, null) is not null)
        {
            throw new InvalidOperationException($"The controller {Name} is already running.");
        }

        try
        {
            // Events seen before this run were dropped: start from everything the primary cache holds.
            foreach (var key in initialKeys())
            {
                queue.Add(key);
            }

            logger.LogInformation("Starting {Workers} workers for controller {Controller}", options.MaxConcurrentReconciles, Name);
            var workers = Enumerable.Range(0, options.MaxConcurrentReconciles)
                .Select(_ => Task.Run(() => WorkAsync(queue, abort.Token), CancellationToken.None))
                .ToList();

            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping: fall through to the drain.
            }

            Interlocked.Exchange(ref current, null);
            logger.LogInformation("Stopping controller {Controller}: waiting up to {Timeout} for {InFlight} in-flight reconciles", Name, options.GracefulShutdownTimeout, queue.ProcessingCount);
            using (var drainTimeout = new CancellationTokenSource(options.GracefulShutdownTimeout, time))
            using (var drainOrAbort = CancellationTokenSource.CreateLinkedTokenSource(drainTimeout.Token, abortToken))
            {
                try
                {
                    await queue.ShutDownWithDrainAsync(drainOrAbort.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    logger.LogWarning("Controller {Controller}: cancelling {InFlight} reconciles still running", Name, queue.ProcessingCount);
                    await abort.CancelAsync().ConfigureAwait(false);
                }
            }

            await Task.WhenAll(workers).ConfigureAwait(false);
            logger.LogInformation("Controller {Controller} stopped", Name);
        }
        finally
        {
            Interlocked.CompareExchange(ref current, null, queue);
        }
    }

    private async Task WorkAsync(WorkQueue<ObjectKey> queue, CancellationToken abortToken)
    {
        while (true)
        {
            var item = await queue.GetAsync(CancellationToken.None).ConfigureAwait(false);
            if (item.Shutdown)
            {
                return;
            }

            metrics?.ActiveWorkers.Inc();
            try
            {
                await ReconcileAsync(queue, item.Key, abortToken).ConfigureAwait(false);
            }
            finally
            {
                metrics?.ActiveWorkers.Dec();
                queue.Done(item.Key);
            }
        }
    }

    private async Task ReconcileAsync(WorkQueue<ObjectKey> queue, ObjectKey key, CancellationToken abortToken)
    {
        var reconcileId = Guid.NewGuid().ToString("N")[..16];
        // A message-template scope: structured properties in JSON logs, a readable prefix in text logs.
        using var scope = logger.BeginScope(
            "controller={Controller} namespace={Namespace} name={Name} reconcileID={ReconcileID}", Name, key.Namespace, key.Name, reconcileId);
        var started = time.GetTimestamp();
        try
        {
            var result = await reconciler.ReconcileAsync(key, abortToken).ConfigureAwait(false);
            switch (result.Outcome)
            {
                case ReconcileOutcome.RequeueAfter:
                    queue.Forget(key);
                    queue.AddAfter(key, result.Delay);
                    metrics?.RequeueAfter.Inc();
                    break;
                case ReconcileOutcome.Requeue:
                    queue.AddRateLimited(key);
                    metrics?.Requeue.Inc();
                    break;
                default:
                    queue.Forget(key);
                    metrics?.Success.Inc();
                    break;
            }
        }
        catch (OperationCanceledException) when (abortToken.IsCancellationRequested)
        {
            // Leadership lost or shutdown timed out: the next leader or run picks the key up from the cache.
            logger.LogInformation("Reconcile of {Key} cancelled", key);
        }
        catch (TerminalReconcileException e)
        {
            queue.Forget(key);
            metrics?.Error.Inc();
            metrics?.Errors.Inc();
            metrics?.TerminalErrors.Inc();
            logger.LogError(e, "Reconcile of {Key} failed terminally; not retrying until the object changes", key);
        }
#pragma warning disable CA1031 // Any reconciler failure is retried with backoff; it must never kill a worker.
        catch (Exception e)
#pragma warning restore CA1031
        {
            queue.AddRateLimited(key);
            metrics?.Error.Inc();
            metrics?.Errors.Inc();
            logger.LogError(e, "Reconcile of {Key} failed; retry {Retry} with backoff", key, queue.NumRequeues(key));
        }
        finally
        {
            metrics?.ReconcileTime.Observe(time.GetElapsedTime(started).TotalSeconds);
        }
    }
}

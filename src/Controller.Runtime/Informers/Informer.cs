using Controller.Runtime.Cache;
using Controller.Runtime.Client;
using Controller.Runtime.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Controller.Runtime.Informers;

/// <summary>
/// Keeps a local cache of one kind equal to the API server's: lists (paged), then watches from the list's
/// resourceVersion with bookmarks and a server timeout, relists after 410 Gone, re-watches after drops with
/// jittered backoff, and restarts watches that go silent. One reflector per watched namespace (or one for all),
/// all feeding one <see cref="Indexer{T}"/>. Handlers are told about every change after the cache has it.
/// </summary>
public sealed class Informer<T> : IInformer
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IListerWatcher<T> _client;
    private readonly InformerOptions<T> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<double> _random;
    private readonly Indexer<T> _indexer = new();
    private readonly Lock _dispatchGate = new();
    private readonly List<IResourceEventHandler<T>> _handlers = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, ReflectorStatus> _reflectors = new(StringComparer.Ordinal);
    private int _started;

    public Informer(
        IListerWatcher<T> client,
        InformerOptions<T>? options = null,
        TimeProvider? timeProvider = null,
        ILogger? logger = null,
        Func<double>? random = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new InformerOptions<T>();
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _random = random ?? Random.Shared.NextDouble;
        Description = _options.Name ?? ResourceTypeDescription();
        foreach (var scope in Scopes())
        {
            _reflectors[scope ?? string.Empty] = new ReflectorStatus();
        }
    }

    public string Description { get; }

    /// <summary>The cache the reconciler reads.</summary>
    public IReadOnlyCache<T> Cache => _indexer;

    /// <summary>The cache with its index management (add indexes before or after start).</summary>
    public Indexer<T> Indexer => _indexer;

    public bool HasSynced => _indexer.HasSynced;

    public bool IsWatchHealthy
    {
        get
        {
            var now = _time.GetUtcNow();
            lock (_reflectors)
            {
                return _reflectors.Values.All(r => r.FailingSince is not { } since || now - since < _options.UnhealthyAfter);
            }
        }
    }

    /// <summary>Adds a secondary index on the cache (see <see cref="Indexer{T}.AddIndex"/>).</summary>
    public void AddIndex(string name, Func<T, IEnumerable<string>> indexFunction) => _indexer.AddIndex(name, indexFunction);

    /// <summary>
    /// Registers a handler. When the informer already holds objects, the handler first receives an add for each
    /// (as client-go does), so late handlers miss nothing. Dispose the result to unregister.
    /// </summary>
    public IDisposable AddEventHandler(IResourceEventHandler<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_dispatchGate)
        {
            _handlers.Add(handler);
            var initial = !_indexer.HasSynced;
            foreach (var obj in _indexer.List())
            {
                Notify(() => handler.OnAdd(obj, initial));
            }
        }

        return new Registration(this, handler);
    }

    public async Task<bool> WaitForSyncAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _synced.Task.WaitAsync(cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException($"The informer for {Description} is already running.");
        }

        var loops = Scopes().Select(scope => RunReflectorAsync(scope, cancellationToken)).ToList();
        await Task.WhenAll(loops);
    }

    private IReadOnlyList<string?> Scopes() =>
        _options.Namespaces is { Count: > 0 } namespaces ? [.. namespaces.Distinct(StringComparer.Ordinal)] : [null];

    private string ResourceTypeDescription()
    {
        try
        {
            return ResourceType.For<T>().ToString();
        }
        catch (ArgumentException)
        {
            return typeof(T).Name;
        }
    }

    private async Task RunReflectorAsync(string? scope, CancellationToken cancellationToken)
    {
        var status = _reflectors[scope ?? string.Empty];
        var machine = new ReflectorStateMachine(
            new JitteredBackoff(_options.InitialBackoff, _options.MaxBackoff, 1.0, _random),
            minHealthyWatch: TimeSpan.FromSeconds(1));
        var next = ReflectorStateMachine.Start();
        var scopeName = scope ?? "(all namespaces)";
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (next.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(next.Delay, _time, cancellationToken);
                }

                next = next.Step == ReflectorStep.List
                    ? await ListAsync(scope, machine, status, cancellationToken)
                    : await WatchAsync(scope, next.ResourceVersion, machine, status, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (next.Step == ReflectorStep.List)
            {
                next = machine.ListFailed();
                status.MarkFailing(_time.GetUtcNow());
                _logger.LogWarning(e, "Listing {Resource} in {Scope} failed; retrying in {Delay}", Description, scopeName, next.Delay);
            }
        }
    }

    private async Task<ReflectorAction> ListAsync(string? scope, ReflectorStateMachine machine, ReflectorStatus status, CancellationToken cancellationToken)
    {
        var objects = new List<T>();
        string? continueToken = null;
        string? resourceVersion = null;
        var started = _time.GetTimestamp();
        var pages = 0;
        do
        {
            pages++;
            var page = await _client.ListAsync(
                scope,
                new ListRequest
                {
                    LabelSelector = _options.LabelSelector,
                    FieldSelector = _options.FieldSelector,
                    Limit = _options.PageSize,
                    Continue = continueToken,
                },
                cancellationToken);
            foreach (var item in page.Items ?? [])
            {
                objects.Add(Prepare(item));
            }

            continueToken = page.Metadata?.ContinueProperty;
            resourceVersion = page.Metadata?.ResourceVersion;
        }
        while (!string.IsNullOrEmpty(continueToken));

        Replace(scope, objects);
        status.MarkHealthy();
        _logger.LogDebug(
            "Listed {Count} {Resource} in {Scope} at resourceVersion {ResourceVersion}: {Pages} page(s) in {Milliseconds:F0} ms",
            objects.Count,
            Description,
            scope ?? "(all namespaces)",
            resourceVersion,
            pages,
            _time.GetElapsedTime(started).TotalMilliseconds);
        return machine.ListSucceeded(resourceVersion);
    }

    private async Task<ReflectorAction> WatchAsync(
        string? scope,
        string? resourceVersion,
        ReflectorStateMachine machine,
        ReflectorStatus status,
        CancellationToken cancellationToken)
    {
        var startedAt = _time.GetUtcNow();
        var timeout = _options.MinWatchTimeout + TimeSpan.FromTicks((long)(_options.MinWatchTimeout.Ticks * _random()));
        using var watchdog = new CancellationTokenSource(_options.StallTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, watchdog.Token);
        WatchEnd end;
        Exception? failure = null;
        try
        {
            var request = new WatchRequest
            {
                LabelSelector = _options.LabelSelector,
                FieldSelector = _options.FieldSelector,
                ResourceVersion = resourceVersion,
                AllowBookmarks = true,
                Timeout = timeout,
            };
            end = WatchEnd.Closed;
            await foreach (var watchEvent in _client.WatchAsync(scope, request, linked.Token))
            {
                if (watchEvent.IsConnectedMarker)
                {
                    // The server accepted the watch: the connection is good again (readiness), though nothing was delivered yet.
                    status.MarkHealthy();
                    continue;
                }

                watchdog.CancelAfter(_options.StallTimeout);
                if (watchEvent.Type == WatchEventType.Error)
                {
                    var gone = watchEvent.Status?.Code == 410 || watchEvent.Status?.Reason is "Expired" or "Gone";
                    end = gone ? WatchEnd.Gone : WatchEnd.Failed;
                    failure = watchEvent.Status is { } s ? KubeApiException.FromStatus(s) : null;
                    break;
                }

                Apply(watchEvent);
                machine.Observed(watchEvent.Object?.Metadata?.ResourceVersion);
                status.MarkHealthy();
            }
        }
        catch (OperationCanceledException) when (watchdog.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            end = WatchEnd.Stalled;
        }
        catch (KubeApiException e) when (e.IsGone)
        {
            end = WatchEnd.Gone;
            failure = e;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            end = WatchEnd.Failed;
            failure = e;
        }

        var next = machine.WatchEnded(end, _time.GetUtcNow() - startedAt);
        if (machine.Healthy)
        {
            status.MarkHealthy();
        }
        else
        {
            status.MarkFailing(_time.GetUtcNow());
        }

        var scopeName = scope ?? "(all namespaces)";
        switch (end)
        {
            case WatchEnd.Closed:
                _logger.LogDebug("Watch of {Resource} in {Scope} closed by the server; re-watching from {ResourceVersion} in {Delay}", Description, scopeName, next.ResourceVersion, next.Delay);
                break;
            case WatchEnd.Gone:
                _logger.LogInformation("Watch of {Resource} in {Scope} expired (410 Gone); relisting in {Delay}", Description, scopeName, next.Delay);
                break;
            case WatchEnd.Stalled:
                _logger.LogWarning("Watch of {Resource} in {Scope} delivered nothing for {StallTimeout}; restarting in {Delay}", Description, scopeName, _options.StallTimeout, next.Delay);
                break;
            default:
                _logger.LogWarning(failure, "Watch of {Resource} in {Scope} failed; re-watching from {ResourceVersion} in {Delay}", Description, scopeName, next.ResourceVersion, next.Delay);
                break;
        }

        return next;
    }

    private T Prepare(T obj) => _options.Transform is { } transform ? transform(obj) : obj;

    private void Apply(WatchEvent<T> watchEvent)
    {
        if (watchEvent.Object is null || watchEvent.Type == WatchEventType.Bookmark)
        {
            return;
        }

        var obj = Prepare(watchEvent.Object);
        lock (_dispatchGate)
        {
            if (watchEvent.Type == WatchEventType.Deleted)
            {
                var removed = _indexer.Remove(ObjectKey.From(obj)) ?? obj;
                Dispatch(h => h.OnDelete(removed));
                return;
            }

            var old = _indexer.Upsert(obj);
            if (old is null)
            {
                Dispatch(h => h.OnAdd(obj, false));
            }
            else
            {
                Dispatch(h => h.OnUpdate(old, obj));
            }
        }
    }

    /// <summary>Replaces the content of one scope with a fresh list, telling handlers what changed.</summary>
    private void Replace(string? scope, IReadOnlyList<T> objects)
    {
        lock (_dispatchGate)
        {
            var initial = !_indexer.HasSynced;
            var stale = new HashSet<ObjectKey>(_indexer.Keys(scope));
            foreach (var obj in objects)
            {
                var key = ObjectKey.From(obj);
                stale.Remove(key);
                var old = _indexer.Upsert(obj);
                if (old is null)
                {
                    Dispatch(h => h.OnAdd(obj, initial));
                }
                else if (!string.Equals(old.Metadata?.ResourceVersion, obj.Metadata?.ResourceVersion, StringComparison.Ordinal))
                {
                    Dispatch(h => h.OnUpdate(old, obj));
                }
            }

            foreach (var key in stale)
            {
                if (_indexer.Remove(key) is { } removed)
                {
                    Dispatch(h => h.OnDelete(removed));
                }
            }

            _reflectors[scope ?? string.Empty].Listed = true;
            if (!_indexer.HasSynced && _reflectors.Values.All(r => r.Listed))
            {
                _indexer.MarkSynced();
                _synced.TrySetResult();
            }
        }
    }

    private void Dispatch(Action<IResourceEventHandler<T>> notify)
    {
        foreach (var handler in _handlers)
        {
            Notify(() => notify(handler));
        }
    }

    private void Notify(Action action)
    {
        try
        {
            action();
        }
#pragma warning disable CA1031 // A failing handler must not stop the informer or starve the other handlers.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.LogError(e, "An event handler of the {Resource} informer threw", Description);
        }
    }

    private sealed class ReflectorStatus
    {
        private readonly Lock _gate = new();
        private DateTimeOffset? _failingSince;

        public bool Listed { get; set; }

        public DateTimeOffset? FailingSince
        {
            get
            {
                lock (_gate)
                {
                    return _failingSince;
                }
            }
        }

        public void MarkHealthy()
        {
            lock (_gate)
            {
                _failingSince = null;
            }
        }

        public void MarkFailing(DateTimeOffset now)
        {
            lock (_gate)
            {
                _failingSince ??= now;
            }
        }
    }

    private sealed class Registration(Informer<T> informer, IResourceEventHandler<T> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (informer._dispatchGate)
            {
                informer._handlers.Remove(handler);
            }
        }
    }
}

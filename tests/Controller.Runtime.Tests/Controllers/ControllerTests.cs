using System.Collections.Concurrent;
using Controller.Runtime.Client;
using Controller.Runtime.Controllers;
using Controller.Runtime.Metrics;
using Controller.Runtime.Tests.Queue;
using Controller.Runtime.Tests.Support;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using P = Controller.Runtime.Predicates.Predicates;

namespace Controller.Runtime.Tests.Controllers;

public sealed class ControllerTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeInformers _informers;
    private readonly Prometheus.CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly CancellationTokenSource _stop = new();
    private readonly ScriptedReconciler _reconciler = new();
    private Task? _run;

    public ControllerTests() => _informers = new FakeInformers(_time);

    [Fact]
    public async Task Existing_objects_are_reconciled_once_the_caches_have_synced()
    {
        _informers.Api<Widget>().Objects.AddRange([Objects.Widget("ns", "a"), Objects.Widget("ns", "b")]);

        Start(Build());

        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 2, "both objects were reconciled");
        Assert.Equal([new ObjectKey("ns", "a"), new ObjectKey("ns", "b")], _reconciler.Calls.Order());
    }

    [Fact]
    public async Task A_failing_reconcile_is_retried_with_growing_backoff_and_counted_as_an_error()
    {
        _informers.Api<Widget>().Objects.Add(Objects.Widget("ns", "a"));
        _reconciler.Script = (_, n) => n <= 2 ? throw new InvalidOperationException("transient") : ReconcileResult.Done;
        Start(Build(new ControllerOptions { BackoffBase = TimeSpan.FromSeconds(1), BackoffMax = TimeSpan.FromMinutes(1) }));
        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 1, "the first attempt");

        await AdvanceUntilAsync(() => _reconciler.Calls.Count == 2);
        var secondAt = _time.GetUtcNow();
        await AdvanceUntilAsync(() => _reconciler.Calls.Count == 3);

        Assert.True(_time.GetUtcNow() - secondAt >= TimeSpan.FromSeconds(2), "the second retry waited twice as long");
        var metrics = await WorkQueueTests.Export(_registry);
        Assert.Contains("controller_runtime_reconcile_total{controller=\"widgets\",result=\"error\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("controller_runtime_reconcile_errors_total{controller=\"widgets\"} 2", metrics, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await WorkQueueTests.Export(_registry)).Contains("controller_runtime_reconcile_total{controller=\"widgets\",result=\"success\"} 1", StringComparison.Ordinal), "the success is counted");
    }

    [Fact]
    public async Task A_terminal_result_is_counted_and_not_retried()
    {
        _informers.Api<Widget>().Objects.Add(Objects.Widget("ns", "a"));
        _reconciler.Script = (_, _) => ReconcileResult.Terminal("invalid spec");
        Start(Build());
        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 1, "the first attempt");

        for (var i = 0; i < 20; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(30));
        }

        await Eventually.TrueAsync(async () => (await WorkQueueTests.Export(_registry)).Contains("controller_runtime_terminal_reconcile_errors_total{controller=\"widgets\"} 1", StringComparison.Ordinal), "the terminal error is counted");
        Assert.Single(_reconciler.Calls);
    }

    [Fact]
    public async Task RequeueAfter_reconciles_again_after_the_delay()
    {
        _informers.Api<Widget>().Objects.Add(Objects.Widget("ns", "a"));
        _reconciler.Script = (_, _) => ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(10));
        Start(Build());
        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 1, "the first reconcile");
        var firstAt = _time.GetUtcNow();

        await AdvanceUntilAsync(() => _reconciler.Calls.Count == 2, TimeSpan.FromMinutes(1));

        Assert.True(_time.GetUtcNow() - firstAt >= TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task A_change_is_reconciled_before_the_initial_list_and_queued_resyncs()
    {
        var api = _informers.Api<Widget>();
        api.Objects.AddRange(Enumerable.Range(0, 30).Select(i => Objects.Widget("ns", $"w{i:00}")));
        var release = new TaskCompletionSource();
        _reconciler.AsyncScript = async (_, n) =>
        {
            if (n == 1)
            {
                await release.Task;
            }

            return ReconcileResult.ResyncAfter(TimeSpan.FromHours(1));
        };
        Start(Build(new ControllerOptions { LowPriorityShare = 0.1 }));
        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 1 && api.OpenWatches == 1, "the first initial key is being reconciled");

        api.Emit(WatchEventType.Modified, Objects.Widget("ns", "w29", "11", generation: 2));
        await Eventually.TrueAsync(() => api.Consumed == 1, "the change was queued");
        release.SetResult();

        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 30, "every key was reconciled");
        Assert.Equal(new ObjectKey("ns", "w29"), _reconciler.Calls.ElementAt(1));
    }

    [Fact]
    public async Task ResyncAfter_queues_the_key_again_at_low_priority_after_the_delay()
    {
        var api = _informers.Api<Widget>();
        api.Objects.AddRange([Objects.Widget("ns", "a"), Objects.Widget("ns", "b")]);
        var gate = new TaskCompletionSource();
        _reconciler.AsyncScript = async (key, n) =>
        {
            if (n == 3)
            {
                await gate.Task;
            }

            return ReconcileResult.ResyncAfter(TimeSpan.FromMinutes(10));
        };
        var controller = Build();
        Start(controller);
        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 2, "the initial reconciles");

        // Both come back after 10 minutes at low priority; the first one blocks the only worker.
        await AdvanceUntilAsync(() => _reconciler.Calls.Count == 3, TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(
            async () => (await WorkQueueTests.Export(_registry)).Contains("workqueue_depth{name=\"widgets\",priority=\"-100\"} 1", StringComparison.Ordinal),
            "the other resync waits at low priority");
        controller.Enqueue(new ObjectKey("ns", "changed"));
        gate.SetResult();

        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 5, "the change and the resync");
        Assert.Equal(new ObjectKey("ns", "changed"), _reconciler.Calls.ElementAt(3));
        Assert.Equal("ResyncAfter(00:10:00)", ReconcileResult.ResyncAfter(TimeSpan.FromMinutes(10)).ToString());
    }

    [Fact]
    public async Task Under_a_continuous_stream_of_changes_resyncs_still_complete()
    {
        // One worker; each reconcile of a change queues two more changes before it returns, so changes always wait
        // (a stream faster than the worker). The stream stops after 1,000 changes only to end the test.
        _informers.Api<Widget>().Objects.AddRange(Enumerable.Range(0, 10).Select(i => Objects.Widget("ns", $"resync-{i}")));
        IController? controller = null;
        var changes = 0;
        _reconciler.Script = (key, _) =>
        {
            if ((key.Name.StartsWith("change", StringComparison.Ordinal) || key.Name == "resync-0") && changes < 1000)
            {
                controller!.Enqueue(new ObjectKey("ns", $"change-{++changes}"));
                controller!.Enqueue(new ObjectKey("ns", $"change-{++changes}"));
            }

            return ReconcileResult.Done;
        };
        controller = Build(new ControllerOptions { LowPriorityShare = 0.25 });
        Start(controller);

        await Eventually.TrueAsync(() => _reconciler.Calls.Count(k => k.Name.StartsWith("resync", StringComparison.Ordinal)) == 10, "every initial key was reconciled");

        // resync-0 first (nothing else waited), then three changes and one resync, again and again.
        var calls = _reconciler.Calls.ToList();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(4 * i, calls.FindIndex(k => k.Name == $"resync-{i}"));
        }

        Assert.Equal(27, calls.Take(36).Count(k => k.Name.StartsWith("change", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task One_key_is_never_reconciled_twice_at_once_and_changes_during_a_reconcile_are_not_lost()
    {
        var api = _informers.Api<Widget>();
        var release = new TaskCompletionSource();
        var active = 0;
        var maxActive = 0;
        _reconciler.AsyncScript = async (_, n) =>
        {
            var now = Interlocked.Increment(ref active);
            InterlockedMax(ref maxActive, now);
            if (n == 1)
            {
                await release.Task;
            }

            Interlocked.Decrement(ref active);
            return ReconcileResult.Done;
        };
        Start(Build(new ControllerOptions { MaxConcurrentReconciles = 4 }));
        await Eventually.TrueAsync(() => api.OpenWatches == 1, "the watch is open");

        api.Emit(WatchEventType.Added, Objects.Widget("ns", "a", "2"));
        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 1, "the first reconcile is running");
        api.Emit(WatchEventType.Modified, Objects.Widget("ns", "a", "3", generation: 2));
        api.Emit(WatchEventType.Modified, Objects.Widget("ns", "a", "4", generation: 3));
        await Eventually.TrueAsync(() => api.Consumed == 3, "the updates were processed");
        Assert.Single(_reconciler.Calls);

        release.SetResult();

        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 2, "one more reconcile for the changes made meanwhile");
        Assert.Equal(1, Volatile.Read(ref maxActive));
    }

    [Fact]
    public async Task Status_only_updates_are_filtered_and_owned_objects_wake_their_owner()
    {
        var widgets = _informers.Api<Widget>();
        var secrets = _informers.Api<V1Secret>();
        Start(Build(configure: b => b.WithEventFilter(P.GenerationOrMetadataChanged).Owns<V1Secret>()));
        await Eventually.TrueAsync(() => widgets.OpenWatches == 1 && secrets.OpenWatches == 1, "both watches are open");
        widgets.Emit(WatchEventType.Added, Objects.Widget("ns", "w", "2"));
        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 1, "the add is reconciled");

        widgets.Emit(WatchEventType.Modified, Objects.Widget("ns", "w", "3")); // status write: same generation
        var owned = Objects.Secret("ns", "w-conn", "5");
        owned.Metadata.OwnerReferences = [Objects.ControllerRef("example.com/v1", "Widget", "w")];
        secrets.Emit(WatchEventType.Deleted, owned);

        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 2, "the owned Secret's deletion woke the owner");
        await Eventually.TrueAsync(() => widgets.Consumed == 2, "the status update was processed");
        Assert.Equal(2, _reconciler.Calls.Count);
        Assert.All(_reconciler.Calls, k => Assert.Equal(new ObjectKey("ns", "w"), k));
    }

    [Fact]
    public async Task Watches_maps_arbitrary_objects_to_keys_through_an_index()
    {
        var widgets = _informers.GetInformer<Widget>();
        widgets.AddIndex("secret", w => w.Spec?.SecretName is { } s ? [$"{w.Metadata.NamespaceProperty}/{s}"] : []);
        _informers.Api<Widget>().Objects.AddRange([Objects.Widget("ns", "a", secretName: "creds"), Objects.Widget("ns", "b", secretName: "other")]);
        var secrets = _informers.Api<V1Secret>();
        Start(Build(configure: b => b.Watches<V1Secret>(s => widgets.Cache.KeysByIndex("secret", $"{s.Metadata.NamespaceProperty}/{s.Metadata.Name}"))));
        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 2 && secrets.OpenWatches == 1, "the initial reconciles");

        secrets.Emit(WatchEventType.Added, Objects.Secret("ns", "creds", "7"));

        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 3, "the referencing widget is reconciled");
        Assert.Equal(new ObjectKey("ns", "a"), _reconciler.Calls.Last());
    }

    [Fact]
    public async Task Stopping_lets_an_in_flight_reconcile_finish_and_takes_no_new_work()
    {
        var api = _informers.Api<Widget>();
        api.Objects.Add(Objects.Widget("ns", "a"));
        var release = new TaskCompletionSource();
        var cancelledInFlight = false;
        _reconciler.AsyncScript = async (_, _) =>
        {
            await release.Task;
            cancelledInFlight = _reconciler.LastToken.IsCancellationRequested;
            return ReconcileResult.Done;
        };
        var controller = Build();
        Start(controller);
        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 1, "the reconcile is running");

        await _stop.CancelAsync();
        api.Emit(WatchEventType.Added, Objects.Widget("ns", "late", "9"));
        Assert.False(_run!.IsCompleted);
        release.SetResult();

        await _run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(cancelledInFlight);
        Assert.Single(_reconciler.Calls);
    }

    [Fact]
    public async Task A_reconcile_that_outlives_the_graceful_timeout_is_cancelled()
    {
        _informers.Api<Widget>().Objects.Add(Objects.Widget("ns", "a"));
        _reconciler.AsyncScript = async (_, _) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _reconciler.LastToken);
            return ReconcileResult.Done;
        };
        Start(Build(new ControllerOptions { GracefulShutdownTimeout = TimeSpan.FromSeconds(30) }));
        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 1, "the reconcile is running");

        await _stop.CancelAsync();
        await AdvanceUntilAsync(() => _run!.IsCompleted, TimeSpan.FromSeconds(5));

        Assert.True(_reconciler.LastToken.IsCancellationRequested);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await AdvanceUntilAsync(() => _run.IsCompleted, TimeSpan.FromSeconds(10));
        }

        await _informers.DisposeAsync();
        _stop.Dispose();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private async Task AdvanceUntilAsync(Func<bool> condition, TimeSpan? step = null)
    {
        await Eventually.TrueAsync(
            () =>
            {
                if (condition())
                {
                    return true;
                }

                _time.Advance(step ?? TimeSpan.FromMilliseconds(250));
                return condition();
            },
            "the condition became true as time advanced");
    }

    private IController Build(ControllerOptions? options = null, Action<ControllerBuilder<Widget>>? configure = null)
    {
        var builder = new ControllerBuilder<Widget>("widgets", _informers, _time, null, new ControllerMetrics(_registry), new WorkQueueMetrics(_registry));
        if (options is not null)
        {
            builder.WithOptions(options);
        }

        configure?.Invoke(builder);
        return builder.Complete(_reconciler);
    }

    private void Start(IController controller)
    {
        _informers.Run();
        _run = controller.RunAsync(_stop.Token);
    }

    private sealed class ScriptedReconciler : IReconciler
    {
        private int _calls;

        public ConcurrentQueue<ObjectKey> Calls { get; } = new();

        public Func<ObjectKey, int, ReconcileResult>? Script { get; set; }

        public Func<ObjectKey, int, Task<ReconcileResult>>? AsyncScript { get; set; }

        public CancellationToken LastToken { get; private set; }

        public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            LastToken = cancellationToken;
            Calls.Enqueue(key);
            var n = Interlocked.Increment(ref _calls);
            if (AsyncScript is { } asyncScript)
            {
                return asyncScript(key, n);
            }

            return Task.FromResult(Script is { } script ? script(key, n) : ReconcileResult.Done);
        }
    }
}

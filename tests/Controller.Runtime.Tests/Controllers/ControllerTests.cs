using System.Collections.Concurrent;
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
    private readonly FakeTimeProvider time = new();
    private readonly FakeInformers informers;
    private readonly Prometheus.CollectorRegistry registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly CancellationTokenSource stop = new();
    private readonly ScriptedReconciler reconciler = new();
    private Task? run;

    public ControllerTests() => informers = new FakeInformers(time);

    [Fact]
    public async Task Existing_objects_are_reconciled_once_the_caches_have_synced()
    {
        informers.Api<Widget>().Objects.AddRange([Objects.Widget("ns", "a"), Objects.Widget("ns", "b")]);

        Start(Build());

        await Eventually.TrueAsync(() => reconciler.Calls.Count == 2, "both objects were reconciled");
        Assert.Equal([new ObjectKey("ns", "a"), new ObjectKey("ns", "b")], reconciler.Calls.Order());
    }

    [Fact]
    public async Task A_failing_reconcile_is_retried_with_growing_backoff_and_counted_as_an_error()
    {
        informers.Api<Widget>().Objects.Add(Objects.Widget("ns", "a"));
        reconciler.Script = (_, n) => n <= 2 ? throw new InvalidOperationException("transient") : ReconcileResult.Done;
        Start(Build(new ControllerOptions { BackoffBase = TimeSpan.FromSeconds(1), BackoffMax = TimeSpan.FromMinutes(1) }));
        await Eventually.TrueAsync(() => reconciler.Calls.Count == 1, "the first attempt");

        await AdvanceUntilAsync(() => reconciler.Calls.Count == 2);
        var secondAt = time.GetUtcNow();
        await AdvanceUntilAsync(() => reconciler.Calls.Count == 3);

        Assert.True(time.GetUtcNow() - secondAt >= TimeSpan.FromSeconds(2), "the second retry waited twice as long");
        var metrics = await WorkQueueTests.Export(registry);
        Assert.Contains("controller_runtime_reconcile_total{controller=\"widgets\",result=\"error\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("controller_runtime_reconcile_errors_total{controller=\"widgets\"} 2", metrics, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await WorkQueueTests.Export(registry)).Contains("controller_runtime_reconcile_total{controller=\"widgets\",result=\"success\"} 1", StringComparison.Ordinal), "the success is counted");
    }

    [Fact]
    public async Task A_terminal_error_is_not_retried()
    {
        informers.Api<Widget>().Objects.Add(Objects.Widget("ns", "a"));
        reconciler.Script = (_, _) => throw new TerminalReconcileException("invalid spec");
        Start(Build());
        await Eventually.TrueAsync(() => reconciler.Calls.Count == 1, "the first attempt");

        for (var i = 0; i < 20; i++)
        {
            time.Advance(TimeSpan.FromMinutes(30));
        }

        await Eventually.TrueAsync(async () => (await WorkQueueTests.Export(registry)).Contains("controller_runtime_terminal_reconcile_errors_total{controller=\"widgets\"} 1", StringComparison.Ordinal), "the terminal error is counted");
        Assert.Single(reconciler.Calls);
    }

    [Fact]
    public async Task RequeueAfter_reconciles_again_after_the_delay()
    {
        informers.Api<Widget>().Objects.Add(Objects.Widget("ns", "a"));
        reconciler.Script = (_, _) => ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(10));
        Start(Build());
        await Eventually.TrueAsync(() => reconciler.Calls.Count == 1, "the first reconcile");
        var firstAt = time.GetUtcNow();

        await AdvanceUntilAsync(() => reconciler.Calls.Count == 2, TimeSpan.FromMinutes(1));

        Assert.True(time.GetUtcNow() - firstAt >= TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task One_key_is_never_reconciled_twice_at_once_and_changes_during_a_reconcile_are_not_lost()
    {
        var api = informers.Api<Widget>();
        var release = new TaskCompletionSource();
        var active = 0;
        var maxActive = 0;
        reconciler.AsyncScript = async (_, n) =>
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
        await Eventually.TrueAsync(() => reconciler.Calls.Count == 1, "the first reconcile is running");
        api.Emit(WatchEventType.Modified, Objects.Widget("ns", "a", "3", generation: 2));
        api.Emit(WatchEventType.Modified, Objects.Widget("ns", "a", "4", generation: 3));
        await Eventually.TrueAsync(() => api.Consumed == 3, "the updates were processed");
        Assert.Single(reconciler.Calls);

        release.SetResult();

        await Eventually.TrueAsync(() => reconciler.Calls.Count == 2, "one more reconcile for the changes made meanwhile");
        Assert.Equal(1, Volatile.Read(ref maxActive));
    }

    [Fact]
    public async Task Status_only_updates_are_filtered_and_owned_objects_wake_their_owner()
    {
        var widgets = informers.Api<Widget>();
        var secrets = informers.Api<V1Secret>();
        Start(Build(configure: b => b.WithEventFilter(P.GenerationOrMetadataChanged).Owns<V1Secret>()));
        await Eventually.TrueAsync(() => widgets.OpenWatches == 1 && secrets.OpenWatches == 1, "both watches are open");
        widgets.Emit(WatchEventType.Added, Objects.Widget("ns", "w", "2"));
        await Eventually.TrueAsync(() => reconciler.Calls.Count == 1, "the add is reconciled");

        widgets.Emit(WatchEventType.Modified, Objects.Widget("ns", "w", "3")); // status write: same generation
        var owned = Objects.Secret("ns", "w-conn", "5");
        owned.Metadata.OwnerReferences = [Objects.ControllerRef("example.com/v1", "Widget", "w")];
        secrets.Emit(WatchEventType.Deleted, owned);

        await Eventually.TrueAsync(() => reconciler.Calls.Count == 2, "the owned Secret's deletion woke the owner");
        await Eventually.TrueAsync(() => widgets.Consumed == 2, "the status update was processed");
        Assert.Equal(2, reconciler.Calls.Count);
        Assert.All(reconciler.Calls, k => Assert.Equal(new ObjectKey("ns", "w"), k));
    }

    [Fact]
    public async Task Watches_maps_arbitrary_objects_to_keys_through_an_index()
    {
        var widgets = informers.GetInformer<Widget>();
        widgets.AddIndex("secret", w => w.Spec?.SecretName is { } s ? [$"{w.Metadata.NamespaceProperty}/{s}"] : []);
        informers.Api<Widget>().Objects.AddRange([Objects.Widget("ns", "a", secretName: "creds"), Objects.Widget("ns", "b", secretName: "other")]);
        var secrets = informers.Api<V1Secret>();
        Start(Build(configure: b => b.Watches<V1Secret>(s => widgets.Cache.KeysByIndex("secret", $"{s.Metadata.NamespaceProperty}/{s.Metadata.Name}"))));
        await Eventually.TrueAsync(() => reconciler.Calls.Count == 2 && secrets.OpenWatches == 1, "the initial reconciles");

        secrets.Emit(WatchEventType.Added, Objects.Secret("ns", "creds", "7"));

        await Eventually.TrueAsync(() => reconciler.Calls.Count == 3, "the referencing widget is reconciled");
        Assert.Equal(new ObjectKey("ns", "a"), reconciler.Calls.Last());
    }

    [Fact]
    public async Task Stopping_lets_an_in_flight_reconcile_finish_and_takes_no_new_work()
    {
        var api = informers.Api<Widget>();
        api.Objects.Add(Objects.Widget("ns", "a"));
        var release = new TaskCompletionSource();
        var cancelledInFlight = false;
        reconciler.AsyncScript = async (_, _) =>
        {
            await release.Task;
            cancelledInFlight = reconciler.LastToken.IsCancellationRequested;
            return ReconcileResult.Done;
        };
        var controller = Build();
        Start(controller);
        await Eventually.TrueAsync(() => reconciler.Calls.Count == 1, "the reconcile is running");

        await stop.CancelAsync();
        api.Emit(WatchEventType.Added, Objects.Widget("ns", "late", "9"));
        Assert.False(run!.IsCompleted);
        release.SetResult();

        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(cancelledInFlight);
        Assert.Single(reconciler.Calls);
    }

    [Fact]
    public async Task A_reconcile_that_outlives_the_graceful_timeout_is_cancelled()
    {
        informers.Api<Widget>().Objects.Add(Objects.Widget("ns", "a"));
        reconciler.AsyncScript = async (_, _) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, reconciler.LastToken);
            return ReconcileResult.Done;
        };
        Start(Build(new ControllerOptions { GracefulShutdownTimeout = TimeSpan.FromSeconds(30) }));
        await Eventually.TrueAsync(() => reconciler.Calls.Count == 1, "the reconcile is running");

        await stop.CancelAsync();
        await AdvanceUntilAsync(() => run!.IsCompleted, TimeSpan.FromSeconds(5));

        Assert.True(reconciler.LastToken.IsCancellationRequested);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (run is not null)
        {
            await AdvanceUntilAsync(() => run.IsCompleted, TimeSpan.FromSeconds(10));
        }

        await informers.DisposeAsync();
        stop.Dispose();
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

                time.Advance(step ?? TimeSpan.FromMilliseconds(250));
                return condition();
            },
            "the condition became true as time advanced");
    }

    private IController Build(ControllerOptions? options = null, Action<ControllerBuilder<Widget>>? configure = null)
    {
        var builder = new ControllerBuilder<Widget>("widgets", informers, time, null, new ControllerMetrics(registry), new WorkQueueMetrics(registry));
        if (options is not null)
        {
            builder.WithOptions(options);
        }

        configure?.Invoke(builder);
        return builder.Complete(reconciler);
    }

    private void Start(IController controller)
    {
        informers.Run();
        run = controller.RunAsync(stop.Token);
    }

    private sealed class ScriptedReconciler : IReconciler
    {
        private int calls;

        public ConcurrentQueue<ObjectKey> Calls { get; } = new();

        public Func<ObjectKey, int, ReconcileResult>? Script { get; set; }

        public Func<ObjectKey, int, Task<ReconcileResult>>? AsyncScript { get; set; }

        public CancellationToken LastToken { get; private set; }

        public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            LastToken = cancellationToken;
            Calls.Enqueue(key);
            var n = Interlocked.Increment(ref calls);
            if (AsyncScript is { } asyncScript)
            {
                return asyncScript(key, n);
            }

            return Task.FromResult(Script is { } script ? script(key, n) : ReconcileResult.Done);
        }
    }
}

using System.Collections.Concurrent;
using Controller.Runtime.Client;
using Controller.Runtime.Controllers;
using Controller.Runtime.Health;
using Controller.Runtime.Hosting;
using Controller.Runtime.Tests.Support;
using k8s;
using k8s.Models;
using P = Controller.Runtime.Predicates.Predicates;

namespace Controller.Runtime.Tests.Integration;

public sealed class ManagerIntegrationTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task A_controller_for_a_custom_kind_owns_Secrets_watches_referenced_Secrets_and_ignores_its_status_writes()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var registry = Prometheus.Metrics.NewCustomRegistry();
        await using var manager = new Manager(
            fixture.Client,
            new ManagerOptions
            {
                Namespaces = [ns],
                HealthServer = new HealthServerOptions { ProbeAddress = "http://127.0.0.1:0", MetricsAddress = null },
                Json = TestJson.Kube,
            },
            registry: registry);
        var widgets = manager.GetInformer<Widget>();
        widgets.AddIndex("secretRef", w => w.Spec?.SecretName is { } s ? [$"{w.Metadata.NamespaceProperty}/{s}"] : []);
        var reconciler = new ConnectionSecretReconciler(widgets.Cache, manager.GetClient<V1Secret>());
        manager.CreateController<Widget>("widget")
            .WithEventFilter(P.GenerationOrMetadataChanged)
            .Owns<V1Secret>()
            .Watches<V1Secret>(s => widgets.Cache.KeysByIndex("secretRef", $"{s.Metadata.NamespaceProperty}/{s.Metadata.Name}"))
            .WithOptions(new ControllerOptions { MaxConcurrentReconciles = 2 })
            .Complete(reconciler);
        await manager.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = manager.HealthServer!.ProbeUrl };
        var widgetClient = manager.GetClient<Widget>();
        var key = new ObjectKey(ns, "w");

        await widgetClient.CreateAsync(new Widget { Metadata = new V1ObjectMeta { Name = "w", NamespaceProperty = ns }, Spec = new WidgetSpec { SecretName = "creds" } }, CancellationToken.None);
        await Eventually.TrueAsync(async () => await fixture.Client.CoreV1.ListNamespacedSecretAsync(ns) is { Items.Count: 1 }, "the owned Secret is created");
        await Eventually.TrueAsync(async () => (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).IsSuccessStatusCode, "the manager is ready");

        // A status-only write does not wake the controller; a change of the referenced Secret does. Counted once the
        // owned Secret's own creation event has woken the widget: exactly two reconciles (the create, then that
        // event), so nothing this test caused earlier is still to come.
        await Eventually.TrueAsync(() => reconciler.Count(key) >= 2, "the owned Secret's creation woke the widget once more");
        var before = reconciler.Count(key);
        Assert.Equal(2, before);
        var current = widgets.Cache.Get(key)!;
        var withStatus = Runtime.Cache.ObjectCopier.DeepCopy(current, TestJson.Kube);
        await widgetClient.PatchStatusAsync(key, PatchType.Merge, """{"status":{"phase":"Ready"}}""", CancellationToken.None);
        await Eventually.TrueAsync(() => widgets.Cache.Get(key)?.Metadata.ResourceVersion != withStatus.Metadata.ResourceVersion, "the status write reached the cache");
        await fixture.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "creds" }, StringData = new Dictionary<string, string> { ["api_key"] = "k" } }, ns);
        await Eventually.TrueAsync(() => reconciler.Count(key) > before, "the referenced Secret woke the widget");
        Assert.Equal(before + 1, reconciler.Count(key));

        // Deleting the owned Secret wakes the owner, which restores it.
        await fixture.Client.CoreV1.DeleteNamespacedSecretAsync("w-conn", ns);
        await Eventually.TrueAsync(() => reconciler.Restored >= 1, "the owner restored its Secret");

        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("controller_runtime_reconcile_total{controller=\"widget\",result=\"success\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("controller_runtime_max_concurrent_reconciles{controller=\"widget\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("workqueue_adds_total{name=\"widget\"}", metrics, StringComparison.Ordinal);
        Assert.Equal("ok\n", await http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
    }

    /// <summary>Keeps a Secret "NAME-conn" owned by each Widget; counts reconciles per key.</summary>
    private sealed class ConnectionSecretReconciler(Runtime.Cache.IReadOnlyCache<Widget> widgets, ResourceClient<V1Secret> secrets) : IReconciler
    {
        private readonly ConcurrentDictionary<ObjectKey, int> _counts = new();
        private int _restored;

        public int Restored => Volatile.Read(ref _restored);

        public int Count(ObjectKey key) => _counts.GetValueOrDefault(key);

        public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
            var widget = widgets.Get(key);
            if (widget is null)
            {
                return ReconcileResult.Done;
            }

            var secretKey = new ObjectKey(key.Namespace, $"{key.Name}-conn");
            if (await secrets.GetAsync(secretKey, cancellationToken) is not null)
            {
                return ReconcileResult.Done;
            }

            await secrets.CreateAsync(
                new V1Secret
                {
                    Metadata = new V1ObjectMeta
                    {
                        Name = secretKey.Name,
                        NamespaceProperty = key.Namespace,
                        OwnerReferences = [new V1OwnerReference { ApiVersion = "example.com/v1", Kind = "Widget", Name = key.Name, Uid = widget.Metadata.Uid, Controller = true }],
                    },
                    StringData = new Dictionary<string, string> { ["app_id"] = "x" },
                },
                cancellationToken);
            if (_counts[key] > 1)
            {
                Interlocked.Increment(ref _restored);
            }

            return ReconcileResult.Done;
        }
    }
}

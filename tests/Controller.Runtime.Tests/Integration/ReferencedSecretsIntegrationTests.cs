using System.Collections.Concurrent;
using System.Text;
using Controller.Runtime.Cache;
using Controller.Runtime.Client;
using Controller.Runtime.Health;
using Controller.Runtime.Hosting;
using Controller.Runtime.Informers;
using Controller.Runtime.Resources;
using Controller.Runtime.Tests.Support;
using k8s;
using k8s.Models;

namespace Controller.Runtime.Tests.Integration;

/// <summary>
/// The memory layout issue 12 asks for, end to end through the real HTTP stack: connection Secrets through a
/// label-selected informer, referenced Secrets through a metadata-only watch and data read on demand.
/// </summary>
public sealed class ReferencedSecretsIntegrationTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private const string ManagedBy = "app.kubernetes.io/managed-by";

    [Fact]
    public async Task A_metadata_informer_lists_and_watches_metadata_only_with_bookmarks()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await CreateSecretAsync(ns, "before", "v1");
        var client = new MetadataClient(new KubeApiTransport(fixture.Client), ResourceType.For<V1Secret>());
        var informer = new Informer<PartialObjectMetadata>(client, new InformerOptions<PartialObjectMetadata> { Namespaces = [ns], Name = "secrets (metadata)" });
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None);

        await CreateSecretAsync(ns, "after", "v1");
        await Eventually.TrueAsync(() => informer.Cache.Count == 2, "the new Secret's metadata arrived");
        var cached = informer.Cache.Get(new ObjectKey(ns, "after"))!;
        Assert.Equal("PartialObjectMetadata", cached.Kind);
        Assert.Equal("meta.k8s.io/v1", cached.ApiVersion);
        Assert.False(string.IsNullOrEmpty(cached.Metadata.ResourceVersion));
        var single = await client.GetAsync(new ObjectKey(ns, "before"), CancellationToken.None);
        Assert.Equal("before", single!.Metadata.Name);

        await fixture.Client.CoreV1.DeleteNamespacedSecretAsync("before", ns);
        await Eventually.TrueAsync(() => informer.Cache.Count == 1, "the deletion arrived");
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_label_selected_informer_caches_only_matching_Secrets_and_forgets_one_whose_label_goes()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await CreateSecretAsync(ns, "ours", "v", new Dictionary<string, string> { [ManagedBy] = "cpaas-operator" });
        await CreateSecretAsync(ns, "theirs", "v", new Dictionary<string, string> { [ManagedBy] = "helm" });
        await CreateSecretAsync(ns, "unlabelled", "v");
        var informer = new Informer<V1Secret>(
            new ResourceClient<V1Secret>(fixture.Client, json: TestJson.Kube),
            new InformerOptions<V1Secret> { Namespaces = [ns], LabelSelector = $"{ManagedBy}=cpaas-operator" });
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None);
        Assert.Equal(["ours"], informer.Cache.List().Select(s => s.Metadata.Name));

        await CreateSecretAsync(ns, "ours-too", "v", new Dictionary<string, string> { [ManagedBy] = "cpaas-operator" });
        await fixture.Client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("{\"metadata\":{\"labels\":{\"" + ManagedBy + "\":null}}}", V1Patch.PatchType.MergePatch), "ours", ns);

        await Eventually.TrueAsync(() => informer.Cache.List().Select(s => s.Metadata.Name).SequenceEqual(["ours-too"]), "only the labelled Secret is cached");
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Unreferenced_Secrets_never_have_their_data_held_and_a_referenced_Secret_change_reconciles_its_referrer()
    {
        var ns = await fixture.CreateNamespaceAsync();
        for (var i = 0; i < 20; i++)
        {
            await CreateSecretAsync(ns, $"unrelated-{i}", new string('x', 32 * 1024));
        }

        await CreateSecretAsync(ns, "creds", "first");
        var registry = Prometheus.Metrics.NewCustomRegistry();
        await using var manager = new Manager(
            fixture.Client,
            new ManagerOptions { Namespaces = [ns], HealthServer = new HealthServerOptions { ProbeAddress = "http://127.0.0.1:0", MetricsAddress = null }, Json = TestJson.Kube },
            registry: registry);
        var widgets = manager.GetInformer<Widget>();
        var secretMetadata = manager.GetMetadataInformer(ResourceType.For<V1Secret>());
        using var secrets = new ReferencedObjectCache<V1Secret>(manager.GetClient<V1Secret>(), secretMetadata, s =>
        {
            s.Metadata.ManagedFields = null;
            return s;
        });
        secrets.TrackReferrers(widgets, w => w.Spec?.SecretName is { } s ? [new ObjectKey(w.Metadata.NamespaceProperty, s)] : []);
        var reconciler = new SecretReadingReconciler(widgets.Cache, secrets);
        manager.CreateController<Widget>("widget")
            .Watches(secretMetadata, s => secrets.ReferrersOf(ObjectKey.From(s)))
            .Complete(reconciler);
        await manager.StartAsync(CancellationToken.None);
        var key = new ObjectKey(ns, "w");

        await manager.GetClient<Widget>().CreateAsync(new Widget { Metadata = new V1ObjectMeta { Name = "w", NamespaceProperty = ns }, Spec = new WidgetSpec { SecretName = "creds" } }, CancellationToken.None);
        await Eventually.TrueAsync(() => reconciler.LastSeen(key) == "first", "the widget read its Secret");
        Assert.Equal(21, secretMetadata.Cache.Count);
        Assert.Equal(1, secrets.CachedCount);
        Assert.True(secrets.Holds(new ObjectKey(ns, "creds")));
        Assert.All(Enumerable.Range(0, 20), i => Assert.False(secrets.Holds(new ObjectKey(ns, $"unrelated-{i}"))));

        await fixture.Client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("""{"stringData":{"api_key":"second"}}""", V1Patch.PatchType.MergePatch), "creds", ns);
        await Eventually.TrueAsync(() => reconciler.LastSeen(key) == "second", "the change reached the widget within the deadline", TimeSpan.FromSeconds(5));

        // The widget lets go of the Secret: its data is dropped.
        await manager.GetClient<Widget>().PatchAsync(key, PatchType.Merge, """{"spec":{"secretName":null}}""", CancellationToken.None);
        await Eventually.TrueAsync(() => secrets.ReferencedCount == 0 && secrets.CachedCount == 0, "the unreferenced Secret was dropped");
    }

    private async Task CreateSecretAsync(string ns, string name, string value, Dictionary<string, string>? labels = null) =>
        await fixture.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = name, Labels = labels }, StringData = new Dictionary<string, string> { ["api_key"] = value } },
            ns);

    /// <summary>Reads each widget's referenced Secret through the cache and remembers the value it saw.</summary>
    private sealed class SecretReadingReconciler(Runtime.Cache.IReadOnlyCache<Widget> widgets, ReferencedObjectCache<V1Secret> secrets) : IReconciler
    {
        private readonly ConcurrentDictionary<ObjectKey, string> _seen = new();

        public string? LastSeen(ObjectKey key) => _seen.GetValueOrDefault(key);

        public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            if (widgets.Get(key)?.Spec?.SecretName is not { } name)
            {
                return ReconcileResult.Done;
            }

            var secret = await secrets.GetAsync(new ObjectKey(key.Namespace, name), cancellationToken);
            _seen[key] = secret?.Data?.TryGetValue("api_key", out var value) == true ? Encoding.UTF8.GetString(value) : "(none)";
            return ReconcileResult.Done;
        }
    }
}

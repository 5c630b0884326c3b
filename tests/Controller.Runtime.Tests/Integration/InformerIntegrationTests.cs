using System.Collections.Concurrent;
using Controller.Runtime.Client;
using Controller.Runtime.Informers;
using Controller.Runtime.Tests.Support;
using k8s;
using k8s.Models;

namespace Controller.Runtime.Tests.Integration;

public sealed class InformerIntegrationTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Informer_lists_existing_ConfigMaps_then_sees_creates_updates_and_deletes()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(NewConfigMap("before"), ns);
        var events = new ConcurrentQueue<string>();
        var informer = new Informer<V1ConfigMap>(
            new ResourceClient<V1ConfigMap>(fixture.Client, json: TestJson.Kube),
            new InformerOptions<V1ConfigMap> { Namespaces = [ns], PageSize = 1 });
        informer.AddEventHandler(new ResourceEventHandler<V1ConfigMap>(
            (o, initial) => events.Enqueue($"add {o.Metadata.Name} {initial}"),
            (_, n) => events.Enqueue($"update {n.Metadata.Name} {n.Data?["k"]}"),
            o => events.Enqueue($"delete {o.Metadata.Name}")));
        using var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);

        Assert.True(await informer.WaitForSyncAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token));
        Assert.NotNull(informer.Cache.Get(new ObjectKey(ns, "before")));

        await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(NewConfigMap("after"), ns);
        await Eventually.TrueAsync(() => informer.Cache.Get(new ObjectKey(ns, "after")) is not null, "the created ConfigMap is cached");
        var changed = NewConfigMap("after");
        changed.Data = new Dictionary<string, string> { ["k"] = "v2" };
        await fixture.Client.CoreV1.ReplaceNamespacedConfigMapAsync(changed, "after", ns);
        await Eventually.TrueAsync(() => informer.Cache.Get(new ObjectKey(ns, "after"))?.Data?["k"] == "v2", "the update is cached");
        await fixture.Client.CoreV1.DeleteNamespacedConfigMapAsync("before", ns);
        await Eventually.TrueAsync(() => informer.Cache.Get(new ObjectKey(ns, "before")) is null, "the delete is cached");

        await Eventually.TrueAsync(() => events.Count == 4, "the handler heard of all four changes");
        await cts.CancelAsync();
        await run;
        Assert.Equal(["add before True", "add after False", "update after v2", "delete before"], events);
    }

    [Fact]
    public async Task Informer_of_Secrets_with_a_label_selector_and_a_transform_caches_only_what_it_should()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var informer = new Informer<V1Secret>(
            new ResourceClient<V1Secret>(fixture.Client, json: TestJson.Kube),
            new InformerOptions<V1Secret>
            {
                Namespaces = [ns],
                LabelSelector = "app.kubernetes.io/managed-by=test",
                Transform = s =>
                {
                    s.Metadata.ManagedFields = null;
                    s.Data = null;
                    return s;
                },
            });
        using var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(CancellationToken.None);

        await fixture.Client.CoreV1.CreateNamespacedSecretAsync(NewSecret("ignored", managed: false), ns);
        await fixture.Client.CoreV1.CreateNamespacedSecretAsync(NewSecret("managed", managed: true), ns);

        await Eventually.TrueAsync(() => informer.Cache.Get(new ObjectKey(ns, "managed")) is not null, "the labelled Secret is cached");
        Assert.Null(informer.Cache.Get(new ObjectKey(ns, "ignored")));
        Assert.Null(informer.Cache.Get(new ObjectKey(ns, "managed"))!.Data);
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Informer_rewatches_after_the_server_drops_its_watches_and_misses_nothing()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var client = new CountingListerWatcher<V1ConfigMap>(new ResourceClient<V1ConfigMap>(fixture.Client, json: TestJson.Kube));
        var informer = new Informer<V1ConfigMap>(client, new InformerOptions<V1ConfigMap> { Namespaces = [ns], InitialBackoff = TimeSpan.FromMilliseconds(50) });
        using var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => client.Received > 0, "the first watch is open on the server (a bookmark arrived)");

        fixture.Sandbox.Faults.DropWatches();
        await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(NewConfigMap("around-the-drop"), ns);
        await Eventually.TrueAsync(() => client.Watches >= 2, "a new watch was opened");
        await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(NewConfigMap("after-the-drop"), ns);

        await Eventually.TrueAsync(() => informer.Cache.Get(new ObjectKey(ns, "around-the-drop")) is not null, "the object created around the drop is cached");
        await Eventually.TrueAsync(() => informer.Cache.Get(new ObjectKey(ns, "after-the-drop")) is not null, "the object created on the new watch is cached");
        Assert.Equal(1, client.Lists);
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Informer_relists_when_its_resourceVersion_expired_and_notices_deletes_it_missed()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(NewConfigMap("doomed"), ns);
        var client = new CountingListerWatcher<V1ConfigMap>(new ResourceClient<V1ConfigMap>(fixture.Client, json: TestJson.Kube));
        var deleted = new ConcurrentQueue<string>();
        var informer = new Informer<V1ConfigMap>(client, new InformerOptions<V1ConfigMap> { Namespaces = [ns], InitialBackoff = TimeSpan.FromMilliseconds(50) });
        informer.AddEventHandler(new ResourceEventHandler<V1ConfigMap>(onDelete: o => deleted.Enqueue(o.Metadata.Name)));
        using var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => client.Received > 0, "the first watch is open on the server (a bookmark arrived)");

        // Make the informer's resourceVersion unusable, and change things while its watch is down.
        fixture.Sandbox.Faults.Latency = TimeSpan.Zero;
        fixture.Sandbox.Faults.ExpireResourceVersions();
        fixture.Sandbox.Faults.DropWatches();
        await fixture.Client.CoreV1.DeleteNamespacedConfigMapAsync("doomed", ns);
        await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(NewConfigMap("born"), ns);

        await Eventually.TrueAsync(() => informer.Cache.Get(new ObjectKey(ns, "born")) is not null, "the object created while expired is cached");
        await Eventually.TrueAsync(() => informer.Cache.Get(new ObjectKey(ns, "doomed")) is null, "the deleted object left the cache");
        await Eventually.TrueAsync(() => deleted.Contains("doomed"), "the handler heard of the missed delete");
        Assert.True(client.Lists >= 2, "the informer relisted");
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Informer_of_a_custom_kind_caches_custom_objects()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var widgets = new ResourceClient<Widget>(fixture.Client, json: TestJson.Kube);
        var informer = new Informer<Widget>(widgets, new InformerOptions<Widget> { Namespaces = [ns] });
        using var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(CancellationToken.None);

        await widgets.CreateAsync(new Widget { Metadata = new V1ObjectMeta { Name = "w", NamespaceProperty = ns }, Spec = new WidgetSpec { SecretName = "creds" } }, CancellationToken.None);

        await Eventually.TrueAsync(() => informer.Cache.Get(new ObjectKey(ns, "w"))?.Spec?.SecretName == "creds", "the custom object is cached");
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_list_reads_pages_of_objects_larger_than_its_read_buffer_whole_and_in_order()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var expected = new Dictionary<string, string>();
        foreach (var i in Enumerable.Range(0, 12))
        {
            // Each value is larger than the serializer's first read buffer, so every item spans several reads.
            var value = string.Concat(Enumerable.Repeat($"{i:00}-0123456789abcdef", 3000));
            var configMap = NewConfigMap($"large-{i:00}");
            configMap.Data = new Dictionary<string, string> { ["k"] = value };
            await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(configMap, ns);
            expected[$"large-{i:00}"] = value;
        }

        var client = new ResourceClient<V1ConfigMap>(fixture.Client, json: TestJson.Kube);
        var read = new List<V1ConfigMap>();
        var remainingCounts = new List<long?>();
        string? token = null;
        do
        {
            var page = await client.ListAsync(ns, new ListRequest { Limit = 5, Continue = token }, CancellationToken.None);
            Assert.False(string.IsNullOrEmpty(page.Metadata?.ResourceVersion));
            read.AddRange(page.Items ?? []);
            remainingCounts.Add(page.Metadata?.RemainingItemCount);
            token = page.Metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(token));

        Assert.Equal([7, 2, null], remainingCounts);
        Assert.Equal(expected.Keys, read.Select(c => c.Metadata.Name));
        Assert.All(read, c => Assert.Equal(expected[c.Metadata.Name], c.Data["k"]));
    }

    private static V1ConfigMap NewConfigMap(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Data = new Dictionary<string, string> { ["k"] = "v1" },
    };

    private static V1Secret NewSecret(string name, bool managed) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = managed ? new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "test" } : null,
        },
        StringData = new Dictionary<string, string> { ["password"] = "hunter2" },
    };
}

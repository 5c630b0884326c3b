using System.Collections.Concurrent;
using Controller.Runtime.Cache;
using Controller.Runtime.Client;
using Controller.Runtime.Informers;
using Controller.Runtime.Resources;
using Controller.Runtime.Tests.Support;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Controller.Runtime.Tests.Cache;

public sealed class ReferencedObjectCacheTests : IAsyncDisposable
{
    private static readonly ObjectKey Creds = new("ns", "creds");
    private static readonly ObjectKey Other = new("ns", "other");
    private static readonly ObjectKey ProjectA = new("ns", "a");
    private static readonly ObjectKey ProjectB = new("ns", "b");

    private readonly FakeTimeProvider _time = new();
    private readonly FakeListerWatcher<PartialObjectMetadata> _metadataApi = new();
    private readonly FakeReader _reader = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Informer<PartialObjectMetadata> _metadata;
    private readonly ReferencedObjectCache<V1Secret> _cache;
    private Task? _run;

    public ReferencedObjectCacheTests()
    {
        _metadataApi.Clock = _time;
        _metadata = new Informer<PartialObjectMetadata>(_metadataApi, new InformerOptions<PartialObjectMetadata> { Name = "secrets (metadata)" }, _time, random: () => 0);
        _cache = new ReferencedObjectCache<V1Secret>(_reader, _metadata, s =>
        {
            s.Metadata.ManagedFields = null;
            return s;
        });
    }

    [Fact]
    public async Task An_object_nobody_references_is_read_but_never_kept()
    {
        await StartAsync(("creds", "1"));

        var read = await _cache.GetAsync(Creds, CancellationToken.None);

        Assert.Equal("1", read!.Metadata.ResourceVersion);
        Assert.False(_cache.Holds(Creds));
        Assert.Equal(0, _cache.CachedCount);
    }

    [Fact]
    public async Task A_referenced_object_is_read_once_and_then_served_from_memory_while_unchanged()
    {
        await StartAsync(("creds", "1"));
        _cache.SetReferences(ProjectA, [Creds]);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("1", (await _cache.GetAsync(Creds, CancellationToken.None))!.Metadata.ResourceVersion);
        }

        Assert.Equal(1, _reader.Gets[Creds]);
        Assert.True(_cache.Holds(Creds));
        Assert.Null((await _cache.GetAsync(Creds, CancellationToken.None))!.Metadata.ManagedFields);
    }

    [Fact]
    public async Task A_change_reported_by_the_metadata_watch_drops_the_kept_copy_and_the_next_read_gets_the_new_one()
    {
        await StartAsync(("creds", "1"));
        _cache.SetReferences(ProjectA, [Creds]);
        await _cache.GetAsync(Creds, CancellationToken.None);

        _reader.Put("creds", "2");
        _metadataApi.Emit(WatchEventType.Modified, Meta("creds", "2"));
        await Eventually.TrueAsync(() => _metadataApi.Consumed == 1, "the change was processed");

        Assert.False(_cache.Holds(Creds));
        Assert.Equal("2", (await _cache.GetAsync(Creds, CancellationToken.None))!.Metadata.ResourceVersion);
        Assert.Equal(2, _reader.Gets[Creds]);
    }

    [Fact]
    public async Task A_kept_copy_older_than_the_metadata_cache_is_read_again_even_before_its_event_is_handled()
    {
        // A handler registered before the cache's own (the controller's, say) runs first and may trigger a read
        // before the cache hears of the change: the version check against the metadata cache, which is updated
        // before any handler runs, is what keeps that read current.
        await StartAsync(("creds", "1"));
        string? seenByEarlyHandler = null;
        ReferencedObjectCache<V1Secret>? late = null;
        using var early = _metadata.AddEventHandler(new ResourceEventHandler<PartialObjectMetadata>(
            onUpdate: (_, _) => seenByEarlyHandler = late!.GetAsync(Creds, CancellationToken.None).GetAwaiter().GetResult()!.Metadata.ResourceVersion));
        using (late = new ReferencedObjectCache<V1Secret>(_reader, _metadata))
        {
            late.SetReferences(ProjectA, [Creds]);
            await late.GetAsync(Creds, CancellationToken.None);
            _reader.Put("creds", "2");

            _metadataApi.Emit(WatchEventType.Modified, Meta("creds", "2"));
            await Eventually.TrueAsync(() => _metadataApi.Consumed == 1, "the change was processed");

            Assert.Equal("2", seenByEarlyHandler);
            Assert.Equal(2, _reader.Gets[Creds]);
        }
    }

    [Fact]
    public async Task A_deleted_object_is_dropped_and_then_answered_absent_without_a_GET()
    {
        await StartAsync(("creds", "1"));
        _cache.SetReferences(ProjectA, [Creds]);
        await _cache.GetAsync(Creds, CancellationToken.None);

        _reader.Remove("creds");
        _metadataApi.Emit(WatchEventType.Deleted, Meta("creds", "3"));
        await Eventually.TrueAsync(() => _metadataApi.Consumed == 1, "the deletion was processed");

        Assert.False(_cache.Holds(Creds));
        Assert.Null(await _cache.GetAsync(Creds, CancellationToken.None));
        Assert.Equal(1, _reader.Gets[Creds]);
    }

    [Fact]
    public async Task An_object_the_synced_metadata_cache_does_not_hold_is_absent_without_a_GET()
    {
        await StartAsync();
        _cache.SetReferences(ProjectA, [Creds]);

        Assert.Null(await _cache.GetAsync(Creds, CancellationToken.None));
        Assert.False(_reader.Gets.ContainsKey(Creds));
    }

    [Fact]
    public async Task An_object_is_kept_until_its_last_referrer_lets_go()
    {
        await StartAsync(("creds", "1"), ("other", "1"));
        _cache.SetReferences(ProjectA, [Creds, Other]);
        _cache.SetReferences(ProjectB, [Creds]);
        await _cache.GetAsync(Creds, CancellationToken.None);
        await _cache.GetAsync(Other, CancellationToken.None);
        Assert.Equal([ProjectA, ProjectB], _cache.ReferrersOf(Creds).Order());

        _cache.SetReferences(ProjectA, [Creds]);
        Assert.False(_cache.Holds(Other));
        Assert.Empty(_cache.ReferrersOf(Other));
        Assert.True(_cache.Holds(Creds));

        _cache.RemoveReferrer(ProjectA);
        Assert.True(_cache.Holds(Creds));
        Assert.Equal([ProjectB], _cache.ReferrersOf(Creds));

        _cache.RemoveReferrer(ProjectB);
        Assert.Equal(0, _cache.ReferencedCount);
        Assert.Equal(0, _cache.CachedCount);
    }

    [Fact]
    public async Task A_GET_that_raced_with_a_change_is_returned_but_not_kept()
    {
        await StartAsync(("creds", "1"));
        _cache.SetReferences(ProjectA, [Creds]);
        var release = new TaskCompletionSource();
        _reader.Gate = release.Task;

        var read = _cache.GetAsync(Creds, CancellationToken.None);
        await Eventually.TrueAsync(() => _reader.Gets.ContainsKey(Creds), "the GET started");
        _metadataApi.Emit(WatchEventType.Modified, Meta("creds", "2"));
        await Eventually.TrueAsync(() => _metadataApi.Consumed == 1, "the change was processed");
        release.SetResult();

        Assert.NotNull(await read);
        Assert.False(_cache.Holds(Creds));
    }

    [Fact]
    public async Task A_GET_for_a_referrer_that_let_go_meanwhile_is_not_kept()
    {
        await StartAsync(("creds", "1"));
        _cache.SetReferences(ProjectA, [Creds]);
        var release = new TaskCompletionSource();
        _reader.Gate = release.Task;

        var read = _cache.GetAsync(Creds, CancellationToken.None);
        await Eventually.TrueAsync(() => _reader.Gets.ContainsKey(Creds), "the GET started");
        _cache.RemoveReferrer(ProjectA);
        _cache.SetReferences(ProjectB, [Creds]);
        release.SetResult();

        Assert.NotNull(await read);
        Assert.False(_cache.Holds(Creds));
    }

    [Fact]
    public async Task References_follow_the_referrers_informer_through_adds_updates_and_deletes()
    {
        await StartAsync(("creds", "1"), ("other", "1"));
        var widgetsApi = new FakeListerWatcher<Widget> { Clock = _time };
        widgetsApi.Objects.Add(Objects.Widget("ns", "a", secretName: "creds"));
        var widgets = new Informer<Widget>(widgetsApi, null, _time, random: () => 0);
        var run = widgets.RunAsync(_stop.Token);
        using var tracking = _cache.TrackReferrers(widgets, w => w.Spec?.SecretName is { } s ? [new ObjectKey(w.Metadata.NamespaceProperty, s)] : []);
        await widgets.WaitForSyncAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => widgetsApi.OpenWatches == 1, "the widget watch is open");
        Assert.Equal([ProjectA], _cache.ReferrersOf(Creds));

        widgetsApi.Emit(WatchEventType.Modified, Objects.Widget("ns", "a", "2", secretName: "other"));
        widgetsApi.Emit(WatchEventType.Added, Objects.Widget("ns", "b", "3", secretName: "other"));
        await Eventually.TrueAsync(() => widgetsApi.Consumed == 2, "the widget events were processed");
        Assert.Empty(_cache.ReferrersOf(Creds));
        Assert.Equal([ProjectA, ProjectB], _cache.ReferrersOf(Other).Order());

        widgetsApi.Emit(WatchEventType.Deleted, Objects.Widget("ns", "a", "4", secretName: "other"));
        widgetsApi.Emit(WatchEventType.Deleted, Objects.Widget("ns", "b", "5", secretName: "other"));
        await Eventually.TrueAsync(() => widgetsApi.Consumed == 4, "the deletions were processed");
        Assert.Equal(0, _cache.ReferencedCount);
        await _stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task References_declared_by_the_referrer_are_released_when_its_informer_deletes_it()
    {
        await StartAsync(("creds", "1"));
        var widgetsApi = new FakeListerWatcher<Widget> { Clock = _time };
        widgetsApi.Objects.Add(Objects.Widget("ns", "a", secretName: "creds"));
        var widgets = new Informer<Widget>(widgetsApi, null, _time, random: () => 0);
        var run = widgets.RunAsync(_stop.Token);
        using var release = _cache.ReleaseReferrersOnDelete(widgets);
        await widgets.WaitForSyncAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => widgetsApi.OpenWatches == 1, "the widget watch is open");
        Assert.Empty(_cache.ReferrersOf(Creds));

        _cache.SetReferences(ProjectA, [Creds]);
        widgetsApi.Emit(WatchEventType.Modified, Objects.Widget("ns", "a", "2", secretName: null));
        await Eventually.TrueAsync(() => widgetsApi.Consumed == 1, "the widget update was processed");
        Assert.Equal([ProjectA], _cache.ReferrersOf(Creds));

        widgetsApi.Emit(WatchEventType.Deleted, Objects.Widget("ns", "a", "3", secretName: null));
        await Eventually.TrueAsync(() => widgetsApi.Consumed == 2, "the deletion was processed");
        Assert.Equal(0, _cache.ReferencedCount);
        await _stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Concurrent_references_reads_and_changes_never_leave_data_for_an_unreferenced_object()
    {
        var names = Enumerable.Range(0, 20).Select(i => $"s{i}").ToArray();
        await StartAsync([.. names.Select(n => (n, "1"))]);
        var keys = names.Select(n => new ObjectKey("ns", n)).ToArray();

        await Parallel.ForAsync(0, 2000, async (i, ct) =>
        {
            var referrer = new ObjectKey("ns", $"p{i % 7}");
            var key = keys[i % keys.Length];
            switch (i % 4)
            {
                case 0:
                    _cache.SetReferences(referrer, [key, keys[(i + 3) % keys.Length]]);
                    break;
                case 1:
                    await _cache.GetAsync(key, ct);
                    break;
                case 2:
                    _cache.OnUpdate(Meta(key.Name, "1"), Meta(key.Name, $"{i}"));
                    break;
                default:
                    _cache.RemoveReferrer(referrer);
                    break;
            }
        });

        for (var p = 0; p < 7; p++)
        {
            _cache.RemoveReferrer(new ObjectKey("ns", $"p{p}"));
        }

        Assert.Equal(0, _cache.ReferencedCount);
        Assert.Equal(0, _cache.CachedCount);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run;
        }

        _cache.Dispose();
        _stop.Dispose();
    }

    private static PartialObjectMetadata Meta(string name, string resourceVersion) => new()
    {
        Metadata = new V1ObjectMeta { NamespaceProperty = "ns", Name = name, ResourceVersion = resourceVersion },
    };

    private async Task StartAsync(params (string Name, string ResourceVersion)[] secrets)
    {
        foreach (var (name, version) in secrets)
        {
            _metadataApi.Objects.Add(Meta(name, version));
            _reader.Put(name, version);
        }

        _run = _metadata.RunAsync(_stop.Token);
        await _metadata.WaitForSyncAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => _metadataApi.OpenWatches == 1, "the metadata watch is open");
    }

    private sealed class FakeReader : IObjectReader<V1Secret>
    {
        private readonly ConcurrentDictionary<string, string> _versions = new();

        public ConcurrentDictionary<ObjectKey, int> Gets { get; } = new();

        public Task? Gate { get; set; }

        public void Put(string name, string resourceVersion) => _versions[name] = resourceVersion;

        public void Remove(string name) => _versions.TryRemove(name, out _);

        public async Task<V1Secret?> GetAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            Gets.AddOrUpdate(key, 1, (_, n) => n + 1);
            var version = _versions.TryGetValue(key.Name, out var v) ? v : null;
            if (Gate is { } gate)
            {
                await gate;
            }

            if (version is null)
            {
                return null;
            }

            var secret = Objects.Secret(key.Namespace!, key.Name, version);
            secret.Metadata.ManagedFields = [new V1ManagedFieldsEntry { Manager = "kubectl" }];
            secret.Data = new Dictionary<string, byte[]> { ["api_key"] = "secret"u8.ToArray() };
            return secret;
        }
    }
}

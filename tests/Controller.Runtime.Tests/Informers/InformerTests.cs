using System.Collections.Concurrent;
using Controller.Runtime.Client;
using Controller.Runtime.Informers;
using Controller.Runtime.Tests.Support;
using k8s;
using Microsoft.Extensions.Time.Testing;

namespace Controller.Runtime.Tests.Informers;

public sealed class InformerTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeListerWatcher<Widget> _api = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _events = new();
    private Task? _run;

    [Fact]
    public async Task Lists_every_page_then_watches_from_the_list_resourceVersion_with_bookmarks_and_a_server_timeout()
    {
        _api.Objects.AddRange([Objects.Widget("ns", "a"), Objects.Widget("ns", "b"), Objects.Widget("ns", "c")]);
        var informer = Start(new InformerOptions<Widget> { PageSize = 2 });

        await informer.WaitForSyncAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => _api.OpenWatches == 1, "the watch is open");

        Assert.Equal(3, informer.Cache.Count);
        Assert.Equal([null, "2"], _api.ListRequests.Select(r => r.Continue));
        var watch = Assert.Single(_api.WatchRequests);
        Assert.Equal("10", watch.ResourceVersion);
        Assert.True(watch.AllowBookmarks);
        Assert.InRange(watch.Timeout!.Value, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));
        Assert.Equal(["add a True", "add b True", "add c True"], _events);
    }

    [Fact]
    public async Task Watch_events_update_the_cache_and_reach_the_handlers_in_order()
    {
        var informer = Start();
        await Eventually.TrueAsync(() => _api.OpenWatches == 1, "the watch is open");

        _api.Emit(WatchEventType.Added, Objects.Widget("ns", "a", "11"));
        _api.Emit(WatchEventType.Modified, Objects.Widget("ns", "a", "12", generation: 2));
        _api.Emit(WatchEventType.Deleted, Objects.Widget("ns", "a", "13"));
        _api.Emit(WatchEventType.Added, Objects.Widget("ns", "b", "14"));

        await Eventually.TrueAsync(() => _events.Count == 4, "four notifications");
        Assert.Equal(["add a False", "update a 1->2", "delete a", "add b False"], _events);
        Assert.Null(informer.Cache.Get(new ObjectKey("ns", "a")));
        Assert.NotNull(informer.Cache.Get(new ObjectKey("ns", "b")));
    }

    [Fact]
    public async Task A_watch_closed_by_the_server_resumes_from_the_last_bookmark_without_relisting()
    {
        Start();
        await Eventually.TrueAsync(() => _api.OpenWatches == 1, "the watch is open");
        _api.Emit(WatchEventType.Added, Objects.Widget("ns", "a", "11"));
        _api.Bookmark("20");
        await Eventually.TrueAsync(() => _api.Consumed == 2, "the add and the bookmark were processed");
        _time.Advance(TimeSpan.FromMinutes(2));

        _api.CloseWatch();

        await Eventually.TrueAsync(() => _api.WatchRequests.Count == 2, "a second watch");
        Assert.Equal("20", _api.WatchRequests.Last().ResourceVersion);
        Assert.Single(_api.ListRequests);
    }

    [Fact]
    public async Task Gone_relists_and_the_relist_reports_what_changed_meanwhile()
    {
        _api.Objects.AddRange([Objects.Widget("ns", "kept", "5"), Objects.Widget("ns", "removed", "5")]);
        Start();
        await Eventually.TrueAsync(() => _api.OpenWatches == 1, "the watch is open");
        _api.Bookmark("11");
        _api.Objects.Clear();
        _api.Objects.AddRange([Objects.Widget("ns", "kept", "30", generation: 2), Objects.Widget("ns", "new", "31")]);
        _api.ListResourceVersion = "40";

        _api.ExpireWatch();

        await Eventually.TrueAsync(() => _api.WatchRequests.Count == 2, "a watch after the relist");
        Assert.Equal(2, _api.ListRequests.Count);
        Assert.Equal("40", _api.WatchRequests.Last().ResourceVersion);
        Assert.Equal(["add kept True", "add removed True", "update kept 1->2", "add new False", "delete removed"], _events);
    }

    [Fact]
    public async Task A_broken_watch_is_retried_after_a_backoff_from_the_same_resourceVersion()
    {
        var informer = Start();
        await Eventually.TrueAsync(() => _api.OpenWatches == 1, "the watch is open");
        _api.Emit(WatchEventType.Added, Objects.Widget("ns", "a", "15"));
        await Eventually.TrueAsync(() => _events.Count == 1, "the add arrived");

        var failedAt = _time.GetUtcNow();
        _api.FailWatch();

        await Eventually.TrueAsync(
            () =>
            {
                _time.Advance(TimeSpan.FromMilliseconds(100));
                return _api.WatchRequests.Count == 2;
            },
            "the watch is retried");
        Assert.Equal("15", _api.WatchRequests.Last().ResourceVersion);
        Assert.True(_api.WatchTimes.Last() - failedAt >= TimeSpan.FromMilliseconds(800), "the retry waited for the backoff");
        Assert.Single(_api.ListRequests);
        Assert.True(informer.HasSynced);
    }

    [Fact]
    public async Task A_silent_watch_is_restarted_by_the_watchdog()
    {
        var informer = Start(new InformerOptions<Widget> { StallTimeout = TimeSpan.FromMinutes(2) });
        await Eventually.TrueAsync(() => _api.OpenWatches == 1, "the watch is open");

        _time.Advance(TimeSpan.FromSeconds(90));
        var bookmarkAt = _time.GetUtcNow();
        _api.Bookmark("12");
        await Eventually.TrueAsync(() => _api.Consumed == 1, "the bookmark was processed");
        _time.Advance(TimeSpan.FromSeconds(90));
        Assert.Single(_api.WatchRequests);

        // Nothing for two minutes after the bookmark: the watchdog cancels the watch; the retry waits a backoff.
        await Eventually.TrueAsync(
            () =>
            {
                _time.Advance(TimeSpan.FromMilliseconds(100));
                return _api.WatchRequests.Count == 2;
            },
            "the stalled watch is replaced");
        Assert.Equal("12", _api.WatchRequests.Last().ResourceVersion);
        Assert.True(_api.WatchTimes.Last() - bookmarkAt >= TimeSpan.FromMinutes(2), "not restarted before the stall timeout");
    }

    [Fact]
    public async Task After_a_failure_the_watch_is_unhealthy_until_the_server_accepts_a_new_one()
    {
        var informer = Start(new InformerOptions<Widget> { UnhealthyAfter = TimeSpan.FromSeconds(10) });
        await Eventually.TrueAsync(() => _api.OpenWatches == 1, "the watch is open");
        _api.FailWatch();
        await Eventually.TrueAsync(
            () =>
            {
                _time.Advance(TimeSpan.FromMilliseconds(100));
                return _api.WatchRequests.Count == 2;
            },
            "the watch is retried");

        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.False(informer.IsWatchHealthy);

        _api.Connect();

        await Eventually.TrueAsync(() => informer.IsWatchHealthy, "the accepted watch counts as healthy");
        Assert.Equal(0, informer.Cache.Count);
    }

    [Fact]
    public async Task The_transform_runs_before_caching()
    {
        _api.Objects.Add(Objects.Widget("ns", "a", secretName: "s"));
        var informer = Start(new InformerOptions<Widget>
        {
            Transform = w =>
            {
                w.Spec = null;
                return w;
            },
        });

        await informer.WaitForSyncAsync(CancellationToken.None);

        Assert.Null(informer.Cache.Get(new ObjectKey("ns", "a"))!.Spec);
    }

    [Fact]
    public async Task A_failing_list_is_retried_and_readiness_reports_the_failure_after_a_while()
    {
        _api.ListFailure = new HttpRequestException("refused");
        var informer = Start(new InformerOptions<Widget> { UnhealthyAfter = TimeSpan.FromSeconds(10) });
        await Eventually.TrueAsync(() => _api.ListRequests.Count == 1, "a first list");
        Assert.False(informer.HasSynced);

        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.False(informer.IsWatchHealthy);
        _api.ListFailure = null;
        await Eventually.TrueAsync(
            () =>
            {
                _time.Advance(TimeSpan.FromMilliseconds(200));
                return informer.HasSynced;
            },
            "a later list succeeds");
        Assert.True(informer.IsWatchHealthy);
    }

    [Fact]
    public async Task A_handler_added_late_hears_about_existing_objects_and_a_throwing_handler_harms_no_one()
    {
        _api.Objects.Add(Objects.Widget("ns", "a"));
        var informer = Start();
        await informer.WaitForSyncAsync(CancellationToken.None);
        var late = new ConcurrentQueue<string>();

        informer.AddEventHandler(new ResourceEventHandler<Widget>(onAdd: (_, _) => throw new InvalidOperationException("bad handler")));
        informer.AddEventHandler(new ResourceEventHandler<Widget>(onAdd: (w, initial) => late.Enqueue($"{w.Metadata.Name} {initial}")));
        await Eventually.TrueAsync(() => _api.OpenWatches == 1, "the watch is open");
        _api.Emit(WatchEventType.Added, Objects.Widget("ns", "b", "11"));

        await Eventually.TrueAsync(() => late.Count == 2, "the late handler heard both");
        Assert.Equal(["a False", "b False"], late);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(10));
        }

        _stop.Dispose();
    }

    private Informer<Widget> Start(InformerOptions<Widget>? options = null)
    {
        _api.Clock = _time;
        var informer = new Informer<Widget>(_api, options, _time, random: () => 0);
        informer.AddEventHandler(new ResourceEventHandler<Widget>(
            (w, initial) => _events.Enqueue($"add {w.Metadata.Name} {initial}"),
            (o, n) => _events.Enqueue($"update {n.Metadata.Name} {o.Metadata.Generation}->{n.Metadata.Generation}"),
            w => _events.Enqueue($"delete {w.Metadata.Name}")));
        _run = informer.RunAsync(_stop.Token);
        return informer;
    }
}

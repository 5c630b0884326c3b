using k8s;
using k8s.Autorest;
using k8s.Models;
using Kube.Sandbox.Tests.Infrastructure;

namespace Kube.Sandbox.Tests.Client;

public sealed class WatchTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _fixture;

    public WatchTests(SandboxFixture fixture) => _fixture = fixture;

    private Kubernetes Client => _fixture.Client;

    private static V1Secret Secret(string name, string? label = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = label is null ? null : new Dictionary<string, string> { ["app"] = label } },
        StringData = new Dictionary<string, string> { ["key"] = "value" },
    };

    [Fact]
    public async Task Watch_from_list_resourceVersion_delivers_only_later_changes()
    {
        var ns = await Client.CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedSecretAsync(Secret("before"), ns);
        var list = await Client.CoreV1.ListNamespacedSecretAsync(ns);
        Assert.Single(list.Items);

        await Client.CoreV1.CreateNamespacedSecretAsync(Secret("after"), ns);
        var (type, secret) = await WatchAwaiter.NextSecretEventAsync(Client, ns, list.Metadata.ResourceVersion, (_, _) => true);

        Assert.Equal(WatchEventType.Added, type);
        Assert.Equal("after", secret.Metadata.Name);
        Assert.Equal("value", System.Text.Encoding.UTF8.GetString(secret.Data["key"]));
    }

    [Fact]
    public async Task Watch_sends_modified_and_deleted_events_in_order()
    {
        var ns = await Client.CreateNamespaceAsync();
        var created = await Client.CoreV1.CreateNamespacedSecretAsync(Secret("s"), ns);
        var from = created.Metadata.ResourceVersion;
        created.Metadata.Labels = new Dictionary<string, string> { ["changed"] = "yes" };
        await Client.CoreV1.ReplaceNamespacedSecretAsync(created, "s", ns);
        await Client.CoreV1.DeleteNamespacedSecretAsync("s", ns);

        var seen = new List<WatchEventType>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        IAsyncEnumerable<(WatchEventType, V1Secret)> Watch(Action<Exception>? onError = null) => Client.CoreV1.WatchListNamespacedSecretAsync(ns, resourceVersion: from, onError: onError, cancellationToken: cts.Token);
        await foreach (var (type, _) in Watch())
        {
            seen.Add(type);
            if (type == WatchEventType.Deleted)
            {
                break;
            }
        }

        Assert.Equal([WatchEventType.Modified, WatchEventType.Deleted], seen);
    }

    [Fact]
    public async Task Watch_with_allowWatchBookmarks_receives_bookmarks_carrying_the_current_resourceVersion()
    {
        var ns = await Client.CreateNamespaceAsync();
        var list = await Client.CoreV1.ListNamespacedSecretAsync(ns);
        await Client.CoreV1.CreateNamespacedSecretAsync(Secret("one"), ns);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        IAsyncEnumerable<(WatchEventType, V1Secret)> Watch(Action<Exception>? onError = null) => Client.CoreV1.WatchListNamespacedSecretAsync(ns, resourceVersion: list.Metadata.ResourceVersion, allowWatchBookmarks: true, onError: onError, cancellationToken: cts.Token);
        var events = new List<(WatchEventType Type, string Rv)>();
        await foreach (var (type, secret) in Watch())
        {
            events.Add((type, secret.Metadata.ResourceVersion));
            if (type == WatchEventType.Bookmark)
            {
                break;
            }
        }

        Assert.Equal(WatchEventType.Added, events[0].Type);
        var bookmark = events[^1];
        Assert.Equal(WatchEventType.Bookmark, bookmark.Type);
        Assert.True(long.Parse(bookmark.Rv, System.Globalization.CultureInfo.InvariantCulture) >= long.Parse(events[0].Rv, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Watch_from_expired_resourceVersion_gets_410_Gone_error_event_and_relist_recovers()
    {
        var ns = await Client.CreateNamespaceAsync();
        var list = await Client.CoreV1.ListNamespacedSecretAsync(ns);
        await Client.CoreV1.CreateNamespacedSecretAsync(Secret("missed"), ns);
        _fixture.Sandbox.Faults.ExpireResourceVersions();

        var errors = new List<Exception>();
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            IAsyncEnumerable<(WatchEventType, V1Secret)> Watch(Action<Exception>? onError = null) => Client.CoreV1.WatchListNamespacedSecretAsync(ns, resourceVersion: list.Metadata.ResourceVersion, onError: onError, cancellationToken: cts.Token);
            await foreach (var _ in Watch(errors.Add))
            {
                Assert.Fail("no object event expected from an expired resourceVersion");
            }
        }

        var gone = Assert.IsType<KubernetesException>(Assert.Single(errors));
        Assert.Equal(410, gone.Status.Code);
        Assert.Equal("Expired", gone.Status.Reason);

        var relist = await Client.CoreV1.ListNamespacedSecretAsync(ns);
        Assert.Equal("missed", Assert.Single(relist.Items).Metadata.Name);
        await Client.CoreV1.CreateNamespacedSecretAsync(Secret("next"), ns);
        var (type, secret) = await WatchAwaiter.NextSecretEventAsync(Client, ns, relist.Metadata.ResourceVersion, (_, _) => true);
        Assert.Equal((WatchEventType.Added, "next"), (type, secret.Metadata.Name));
    }

    [Fact]
    public async Task Dropped_watches_end_the_stream()
    {
        var ns = await Client.CreateNamespaceAsync();
        var list = await Client.CoreV1.ListNamespacedSecretAsync(ns);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        IAsyncEnumerable<(WatchEventType, V1Secret)> Watch(Action<Exception>? onError = null) => Client.CoreV1.WatchListNamespacedSecretAsync(ns, resourceVersion: list.Metadata.ResourceVersion, allowWatchBookmarks: true, onError: onError, cancellationToken: cts.Token);
        var sawBookmark = false;
        await foreach (var (type, _) in Watch())
        {
            // The first bookmark proves the watch is open; then the server drops it.
            if (type == WatchEventType.Bookmark && !sawBookmark)
            {
                sawBookmark = true;
                Assert.True(_fixture.Sandbox.Faults.DropWatches() >= 1);
            }
        }

        Assert.True(sawBookmark);
        Assert.False(cts.IsCancellationRequested, "the stream should end because the server dropped it, not by the test deadline");
    }

    [Fact]
    public async Task Watch_with_label_selector_turns_label_changes_into_added_and_deleted()
    {
        var ns = await Client.CreateNamespaceAsync();
        var created = await Client.CoreV1.CreateNamespacedSecretAsync(Secret("s", label: "other"), ns);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        IAsyncEnumerable<(WatchEventType, V1Secret)> Watch(Action<Exception>? onError = null) => Client.CoreV1.WatchListNamespacedSecretAsync(ns, labelSelector: "app=web", resourceVersion: created.Metadata.ResourceVersion, onError: onError, cancellationToken: cts.Token);

        created.Metadata.Labels["app"] = "web";
        var updated = await Client.CoreV1.ReplaceNamespacedSecretAsync(created, "s", ns);
        updated.Metadata.Labels["app"] = "gone";
        await Client.CoreV1.ReplaceNamespacedSecretAsync(updated, "s", ns);

        var seen = new List<WatchEventType>();
        await foreach (var (type, _) in Watch())
        {
            seen.Add(type);
            if (seen.Count == 2)
            {
                break;
            }
        }

        Assert.Equal([WatchEventType.Added, WatchEventType.Deleted], seen);
    }
}

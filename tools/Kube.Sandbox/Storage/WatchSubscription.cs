using System.Threading.Channels;

namespace Kube.Sandbox.Storage;

/// <summary>An item delivered to a watcher: a committed change, or a bookmark at a resourceVersion.</summary>
public readonly record struct WatchItem(StoreEvent? Event, long BookmarkResourceVersion)
{
    public bool IsBookmark => Event is null;
}

/// <summary>
/// A watcher's queue. Events are enqueued under the store lock at commit time, so everything with a
/// resourceVersion up to a bookmark is already queued ahead of it.
/// </summary>
public sealed class WatchSubscription : IDisposable
{
    private readonly Channel<WatchItem> _channel = Channel.CreateUnbounded<WatchItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<WatchSubscription> _unsubscribe;

    internal WatchSubscription(GroupResource? resource, string? @namespace, Action<WatchSubscription> unsubscribe)
    {
        Resource = resource;
        Namespace = @namespace;
        _unsubscribe = unsubscribe;
    }

    /// <summary>The sandbox's own controllers: never dropped by fault injection.</summary>
    public bool IsInternal { get; init; }

    /// <summary>Null for a subscription to every resource (controllers).</summary>
    public GroupResource? Resource { get; }

    /// <summary>Null or empty: all namespaces.</summary>
    public string? Namespace { get; }

    public ChannelReader<WatchItem> Reader => _channel.Reader;

    /// <summary>True when the server ended the watch on purpose (fault injection), not the client.</summary>
    public bool Dropped { get; private set; }

    internal bool Matches(StoreEvent e) =>
        (Resource is null || Resource.Value == e.Resource)
        && (string.IsNullOrEmpty(Namespace) || Namespace == e.Object.Namespace);

    internal void Enqueue(WatchItem item) => _channel.Writer.TryWrite(item);

    internal void Drop()
    {
        Dropped = true;
        _channel.Writer.TryComplete();
    }

    public void Dispose()
    {
        _channel.Writer.TryComplete();
        _unsubscribe(this);
    }
}

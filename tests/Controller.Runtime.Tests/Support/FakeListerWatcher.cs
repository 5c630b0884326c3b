using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Controller.Runtime.Client;
using k8s;
using k8s.Models;

namespace Controller.Runtime.Tests.Support;

/// <summary>
/// An in-memory list/watch endpoint: lists serve <see cref="Objects"/>; each watch is a channel the test feeds
/// (<see cref="Emit"/>), ends (<see cref="CloseWatch"/>), breaks (<see cref="FailWatch"/>) or expires (<see cref="ExpireWatch"/>).
/// </summary>
internal sealed class FakeListerWatcher<T> : IListerWatcher<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _gate = new();
    private Channel<WatchEvent<T>>? _current;

    public List<T> Objects { get; } = [];

    public string ListResourceVersion { get; set; } = "10";

    public ConcurrentQueue<ListRequest> ListRequests { get; } = new();

    public ConcurrentQueue<WatchRequest> WatchRequests { get; } = new();

    /// <summary>When each watch was opened, on <see cref="Clock"/>.</summary>
    public ConcurrentQueue<DateTimeOffset> WatchTimes { get; } = new();

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Set to make the next lists fail.</summary>
    public Exception? ListFailure { get; set; }

    private int _consumed;

    public int OpenWatches => _current is null ? 0 : 1;

    /// <summary>Watch events the informer has finished processing.</summary>
    public int Consumed => Volatile.Read(ref _consumed);

    public Task<ResourceList<T>> ListAsync(string? @namespace, ListRequest request, CancellationToken cancellationToken)
    {
        ListRequests.Enqueue(request);
        if (ListFailure is { } failure)
        {
            throw failure;
        }

        lock (_gate)
        {
            var start = request.Continue is { } token ? int.Parse(token, System.Globalization.CultureInfo.InvariantCulture) : 0;
            var size = request.Limit ?? int.MaxValue;
            var page = Objects.Skip(start).Take(size).ToList();
            var next = start + page.Count < Objects.Count ? (start + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new ResourceList<T>
            {
                Metadata = new V1ListMeta { ResourceVersion = ListResourceVersion, ContinueProperty = next },
                Items = page,
            });
        }
    }

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? @namespace, WatchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<WatchEvent<T>>();
        lock (_gate)
        {
            _current = channel;
        }

        WatchTimes.Enqueue(Clock.GetUtcNow());
        WatchRequests.Enqueue(request);
        await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
        {
            yield return item;
            // The consumer asked for the next item: it has finished with this one.
            Interlocked.Increment(ref _consumed);
        }
    }

    public void Emit(WatchEventType type, T obj) => Current().Writer.TryWrite(new WatchEvent<T>(type, obj, null));

    public void Bookmark(string resourceVersion) =>
        Current().Writer.TryWrite(new WatchEvent<T>(WatchEventType.Bookmark, ((T)Activator.CreateInstance(typeof(T))!).WithResourceVersion(resourceVersion), null));

    /// <summary>The marker a real client yields once the server accepted the watch.</summary>
    public void Connect() => Current().Writer.TryWrite(WatchEvent<T>.Connected);

    public void CloseWatch() => Take().Writer.TryComplete();

    public void FailWatch() => Take().Writer.TryComplete(new HttpRequestException("connection reset"));

    public void ExpireWatch() =>
        Take().Writer.TryWrite(new WatchEvent<T>(WatchEventType.Error, null, new V1Status { Code = 410, Reason = "Expired", Message = "too old resource version" }));

    private Channel<WatchEvent<T>> Current()
    {
        lock (_gate)
        {
            return _current ?? throw new InvalidOperationException("No watch is open.");
        }
    }

    private Channel<WatchEvent<T>> Take()
    {
        lock (_gate)
        {
            var channel = _current ?? throw new InvalidOperationException("No watch is open.");
            _current = null;
            return channel;
        }
    }
}

internal static class FakeObjectExtensions
{
    public static T WithResourceVersion<T>(this T obj, string resourceVersion)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        obj.Metadata ??= new V1ObjectMeta();
        obj.Metadata.ResourceVersion = resourceVersion;
        return obj;
    }
}

using System.Runtime.CompilerServices;
using Controller.Runtime.Client;

namespace Controller.Runtime.Tests.Integration;

/// <summary>Wraps a real lister-watcher to count lists, watches and watch events (bookmarks included).</summary>
internal sealed class CountingListerWatcher<T>(IListerWatcher<T> inner) : IListerWatcher<T>
{
    private int _lists;
    private int _watches;
    private int _received;

    public int Lists => Volatile.Read(ref _lists);

    public int Watches => Volatile.Read(ref _watches);

    /// <summary>Events received on any watch; a bookmark proves the watch is registered on the server.</summary>
    public int Received => Volatile.Read(ref _received);

    public Task<ResourceList<T>> ListAsync(string? @namespace, ListRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lists);
        return inner.ListAsync(@namespace, request, cancellationToken);
    }

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? @namespace, WatchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _watches);
        await foreach (var item in inner.WatchAsync(@namespace, request, cancellationToken))
        {
            Interlocked.Increment(ref _received);
            yield return item;
        }
    }
}

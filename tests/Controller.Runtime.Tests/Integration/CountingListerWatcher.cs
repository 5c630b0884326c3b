using System.Runtime.CompilerServices;
using Controller.Runtime.Client;

namespace Controller.Runtime.Tests.Integration;

/// <summary>Wraps a real lister-watcher to count lists, watches and watch events (bookmarks included).</summary>
internal sealed class CountingListerWatcher<T>(IListerWatcher<T> inner) : IListerWatcher<T>
{
    private int lists;
    private int watches;
    private int received;

    public int Lists => Volatile.Read(ref lists);

    public int Watches => Volatile.Read(ref watches);

    /// <summary>Events received on any watch; a bookmark proves the watch is registered on the server.</summary>
    public int Received => Volatile.Read(ref received);

    public Task<ResourceList<T>> ListAsync(string? @namespace, ListRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref lists);
        return inner.ListAsync(@namespace, request, cancellationToken);
    }

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? @namespace, WatchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref watches);
        await foreach (var item in inner.WatchAsync(@namespace, request, cancellationToken))
        {
            Interlocked.Increment(ref received);
            yield return item;
        }
    }
}

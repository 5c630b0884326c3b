using Controller.Runtime.Client;

namespace Controller.Runtime.Tests.Integration;

/// <summary>Wraps a real lister-watcher to count lists and watches (to see relists and re-watches happen).</summary>
internal sealed class CountingListerWatcher<T>(IListerWatcher<T> inner) : IListerWatcher<T>
{
    private int lists;
    private int watches;

    public int Lists => Volatile.Read(ref lists);

    public int Watches => Volatile.Read(ref watches);

    public Task<ResourceList<T>> ListAsync(string? @namespace, ListRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref lists);
        return inner.ListAsync(@namespace, request, cancellationToken);
    }

    public IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? @namespace, WatchRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref watches);
        return inner.WatchAsync(@namespace, request, cancellationToken);
    }
}

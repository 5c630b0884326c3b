namespace Controller.Runtime.Client;

/// <summary>The two calls an informer needs for one kind (client-go's ListerWatcher). A seam for tests.</summary>
public interface IListerWatcher<T>
{
    /// <summary>Lists one page in a namespace (null: all namespaces).</summary>
    Task<ResourceList<T>> ListAsync(string? @namespace, ListRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a watch and yields its events until the server ends it (normal end of the stream) or the call is
    /// cancelled. Throws <see cref="KubeApiException"/> when the server refuses the watch (410 when too old).
    /// May first yield a BOOKMARK with a null object as soon as the server has accepted the watch
    /// (<see cref="WatchEvent{T}.Connected"/>): it proves the connection, not progress.
    /// </summary>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? @namespace, WatchRequest request, CancellationToken cancellationToken);
}

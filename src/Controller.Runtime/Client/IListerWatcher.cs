namespace Controller.Runtime.Client;

/// <summary>The two calls an informer needs for one kind (client-go's ListerWatcher). A seam for tests.</summary>
public interface IListerWatcher<T>
{
    /// <summary>Lists one page in a namespace (null: all namespaces).</summary>
    Task<ResourceList<T>> ListAsync(string? @namespace, ListRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a watch and yields its events until the server ends it (normal end of the stream) or the call is
    /// cancelled. Throws <see cref="KubeApiException"/> when the server refuses the watch (410 when too old).
    /// </summary>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? @namespace, WatchRequest request, CancellationToken cancellationToken);
}

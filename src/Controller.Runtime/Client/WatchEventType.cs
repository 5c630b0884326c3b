namespace Controller.Runtime.Client;

/// <summary>
/// The <c>type</c> of a watch event, as the API server writes it (ADDED, MODIFIED, DELETED, BOOKMARK, ERROR).
/// KubernetesClient.Aot leaves out the full client's watcher and with it this enum.
/// </summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    Bookmark,
    Error,
}

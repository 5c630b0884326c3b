using k8s;
using k8s.Models;

namespace Controller.Runtime.Client;

/// <summary>
/// One event of a watch stream. <see cref="Object"/> is set for ADDED, MODIFIED, DELETED and BOOKMARK
/// (a bookmark carries only metadata.resourceVersion); <see cref="Status"/> for ERROR (410 Gone is the one that matters).
/// </summary>
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, V1Status? Status)
{
    /// <summary>The marker a lister-watcher may yield once the server accepted the watch (a bookmark without object).</summary>
    public static WatchEvent<T> Connected { get; } = new(WatchEventType.Bookmark, default, null);

    /// <summary>True for the <see cref="Connected"/> marker.</summary>
    public bool IsConnectedMarker => Type == WatchEventType.Bookmark && Object is null;
}

using k8s;
using k8s.Models;

namespace Controller.Runtime.Client;

/// <summary>
/// One event of a watch stream. <see cref="Object"/> is set for ADDED, MODIFIED, DELETED and BOOKMARK
/// (a bookmark carries only metadata.resourceVersion); <see cref="Status"/> for ERROR (410 Gone is the one that matters).
/// </summary>
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, V1Status? Status);

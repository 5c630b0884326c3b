namespace Kube.Sandbox.Storage;

public enum StoreEventType
{
    Added,
    Modified,
    Deleted,
}

/// <summary>One committed change. <see cref="Previous"/> lets watchers with selectors turn a change into ADDED or DELETED.</summary>
public sealed record StoreEvent(StoreEventType Type, StoredObject Object, StoredObject? Previous)
{
    public long ResourceVersion => Object.ResourceVersion;

    public GroupResource Resource => Object.Resource;
}

using k8s;
using k8s.Models;

namespace Controller.Runtime.Informers;

/// <summary>
/// Receives an informer's notifications after the cache has been updated. Called synchronously on the informer's
/// loop: handlers must be fast and must not block (enqueueing keys is the intended use).
/// </summary>
public interface IResourceEventHandler<in T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <param name="initialList">True for objects delivered by the first list (before the cache synced).</param>
    void OnAdd(T obj, bool initialList);

    void OnUpdate(T oldObj, T newObj);

    /// <summary>The last state the cache knew of the object.</summary>
    void OnDelete(T obj);
}

/// <summary>An <see cref="IResourceEventHandler{T}"/> made of delegates; any may be null.</summary>
public sealed class ResourceEventHandler<T>(
    Action<T, bool>? onAdd = null,
    Action<T, T>? onUpdate = null,
    Action<T>? onDelete = null) : IResourceEventHandler<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public void OnAdd(T obj, bool initialList) => onAdd?.Invoke(obj, initialList);

    public void OnUpdate(T oldObj, T newObj) => onUpdate?.Invoke(oldObj, newObj);

    public void OnDelete(T obj) => onDelete?.Invoke(obj);
}

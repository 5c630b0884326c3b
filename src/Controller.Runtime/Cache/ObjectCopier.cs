using k8s;

namespace Controller.Runtime.Cache;

/// <summary>Deep copies of cached objects, for a reconciler that wants to change one before writing it.</summary>
public static class ObjectCopier
{
    public static T DeepCopy<T>(T obj)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(obj);
        return KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(obj));
    }
}

using Controller.Runtime.Serialization;

namespace Controller.Runtime.Cache;

/// <summary>Deep copies of cached objects, for a reconciler that wants to change one before writing it.</summary>
public static class ObjectCopier
{
    /// <summary>A copy through the wire format of <paramref name="json"/> (the one the object's client uses).</summary>
    public static T DeepCopy<T>(T obj, KubeJson json)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(json);
        return json.DeepCopy(obj);
    }
}

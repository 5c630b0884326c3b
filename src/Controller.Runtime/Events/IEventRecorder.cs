using k8s;
using k8s.Models;

namespace Controller.Runtime.Events;

/// <summary>core/v1 Event types.</summary>
public enum EventType
{
    Normal,
    Warning,
}

/// <summary>
/// Records core/v1 Events about an object. Never blocks and never throws into the caller: events are queued,
/// sanitised, rate-limited per object, aggregated, and sent in the background; failures are logged and dropped.
/// </summary>
public interface IEventRecorder
{
    /// <param name="obj">The involved object.</param>
    /// <param name="type">Normal or Warning.</param>
    /// <param name="reason">A short CamelCase machine-readable reason (e.g. "ProjectCreated").</param>
    /// <param name="message">A human-readable message; it passes through the sanitizer before it is stored.</param>
    /// <param name="action">What was done or failed (e.g. "Create"); optional.</param>
    void Record(IKubernetesObject<V1ObjectMeta> obj, EventType type, string reason, string message, string? action = null);
}

/// <summary>Shorthands.</summary>
public static class EventRecorderExtensions
{
    public static void Normal(this IEventRecorder recorder, IKubernetesObject<V1ObjectMeta> obj, string reason, string message, string? action = null)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        recorder.Record(obj, EventType.Normal, reason, message, action);
    }

    public static void Warning(this IEventRecorder recorder, IKubernetesObject<V1ObjectMeta> obj, string reason, string message, string? action = null)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        recorder.Record(obj, EventType.Warning, reason, message, action);
    }
}

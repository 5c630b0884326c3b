using k8s.Models;

namespace Controller.Runtime.Events;

/// <summary>What to do with a recorded event.</summary>
public abstract record EventDecision
{
    private EventDecision()
    {
    }

    /// <summary>Over the object's rate limit: drop it.</summary>
    public sealed record Drop : EventDecision;

    /// <summary>New: create this Event.</summary>
    public sealed record Create(EventAggregationKey Key, Corev1Event Event) : EventDecision;

    /// <summary>Seen within the window: raise the existing Event's count and lastTimestamp.</summary>
    public sealed record Update(EventAggregationKey Key, string Namespace, string Name, int Count, DateTime LastTimestamp) : EventDecision;
}

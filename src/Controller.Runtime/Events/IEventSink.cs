using k8s.Models;

namespace Controller.Runtime.Events;

/// <summary>Where events are written (the Kubernetes API in production, a fake in tests).</summary>
public interface IEventSink
{
    Task CreateAsync(Corev1Event ev, CancellationToken cancellationToken);

    /// <summary>Raises the count and lastTimestamp of an existing Event. Throws <see cref="Client.KubeApiException"/> (404) when it is gone.</summary>
    Task UpdateCountAsync(string @namespace, string name, int count, DateTime lastTimestamp, CancellationToken cancellationToken);
}

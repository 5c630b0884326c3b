using System.Globalization;
using System.Text.Json.Nodes;
using Controller.Runtime.Client;
using k8s;
using k8s.Models;

namespace Controller.Runtime.Events;

/// <summary>
/// Writes events through the runtime's own REST client: POST to create, merge PATCH of count and lastTimestamp to
/// aggregate (not KubernetesClient's typed calls, which would compile every model into a Native AOT executable).
/// </summary>
public sealed class KubernetesEventSink(KubeApiTransport transport) : IEventSink
{
    private readonly ResourceClient<Corev1Event> _events = new(transport);

    public KubernetesEventSink(Kubernetes kubernetes)
        : this(new KubeApiTransport(kubernetes))
    {
    }

    public async Task CreateAsync(Corev1Event ev, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ev);
        await _events.CreateAsync(ev, cancellationToken);
    }

    public async Task UpdateCountAsync(string @namespace, string name, int count, DateTime lastTimestamp, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            ["count"] = count,
            ["lastTimestamp"] = lastTimestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        }.ToJsonString();
        await _events.PatchAsync(new ObjectKey(@namespace, name), PatchType.Merge, patch, cancellationToken);
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using Controller.Runtime.Client;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Controller.Runtime.Events;

/// <summary>Writes events through KubernetesClient: POST to create, merge PATCH of count and lastTimestamp to aggregate.</summary>
public sealed class KubernetesEventSink(IKubernetes kubernetes) : IEventSink
{
    public async Task CreateAsync(Corev1Event ev, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ev);
        try
        {
            await kubernetes.CoreV1.CreateNamespacedEventAsync(ev, ev.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e)
        {
            throw KubeApiTransport.ToException(e.Response.StatusCode, e.Response.Content ?? string.Empty);
        }
    }

    public async Task UpdateCountAsync(string @namespace, string name, int count, DateTime lastTimestamp, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            ["count"] = count,
            ["lastTimestamp"] = lastTimestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        }.ToJsonString();
        try
        {
            await kubernetes.CoreV1.PatchNamespacedEventAsync(
                new V1Patch(patch, V1Patch.PatchType.MergePatch), name, @namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e)
        {
            throw KubeApiTransport.ToException(e.Response.StatusCode, e.Response.Content ?? string.Empty);
        }
    }
}

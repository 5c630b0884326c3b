using k8s;
using k8s.Models;

namespace Kube.Sandbox.Tests.Infrastructure;

/// <summary>Waits on watch events with a deadline (never by sleeping).</summary>
public static class WatchAwaiter
{
    public static async Task<(WatchEventType Type, V1Secret Secret)> NextSecretEventAsync(
        Kubernetes client, string ns, string fromResourceVersion, Func<WatchEventType, V1Secret, bool> predicate, int seconds = 15)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        IAsyncEnumerable<(WatchEventType, V1Secret)> Watch(Action<Exception>? onError = null) => client.CoreV1.WatchListNamespacedSecretAsync(ns, resourceVersion: fromResourceVersion, onError: onError, cancellationToken: cts.Token);
        await foreach (var (type, secret) in Watch())
        {
            if (predicate(type, secret))
            {
                return (type, secret);
            }
        }

        throw new TimeoutException("watch ended before the expected event");
    }
}

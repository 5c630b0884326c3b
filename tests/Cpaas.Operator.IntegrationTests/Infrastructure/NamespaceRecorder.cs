using System.Collections.Concurrent;
using System.Text.Json;
using Cpaas.Operator.Entities;
using k8s;
using k8s.Models;

namespace Cpaas.Operator.IntegrationTests.Infrastructure;

/// <summary>
/// Records every version of every CpaasProject and every Event in one namespace, as JSON, through list + watch:
/// each status and event the operator writes is seen, not only the last one.
/// </summary>
public sealed class NamespaceRecorder : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _projects = new();
    private readonly ConcurrentQueue<string> _events = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _projectLoop = Task.CompletedTask;
    private Task _eventLoop = Task.CompletedTask;

    public IReadOnlyList<string> ProjectVersions => [.. _projects];

    public IReadOnlyList<string> EventVersions => [.. _events];

    /// <summary>Lists both kinds (so nothing before the watch is missed), then watches them in the background.</summary>
    public static async Task<NamespaceRecorder> StartAsync(Kubernetes admin, string ns)
    {
        var recorder = new NamespaceRecorder();
        var projects = await admin.CustomObjects.ListNamespacedCustomObjectAsync(WellKnownNames.Group, WellKnownNames.Version, ns, WellKnownNames.Plural);
        var projectVersion = JsonSerializer.SerializeToElement(projects).GetProperty("metadata").GetProperty("resourceVersion").GetString()!;
        var events = await admin.CoreV1.ListNamespacedEventAsync(ns);
        recorder._projectLoop = recorder.WatchAsync<object>(
            projectVersion,
            (rv, ct) => admin.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(WellKnownNames.Group, WellKnownNames.Version, ns, WellKnownNames.Plural, resourceVersion: rv, watch: true, timeoutSeconds: 300, cancellationToken: ct),
            recorder._projects);
        recorder._eventLoop = recorder.WatchAsync<Corev1EventList>(
            events.Metadata.ResourceVersion,
            (rv, ct) => admin.CoreV1.ListNamespacedEventWithHttpMessagesAsync(ns, resourceVersion: rv, watch: true, timeoutSeconds: 300, cancellationToken: ct),
            recorder._events);
        return recorder;
    }

    /// <summary>Waits until the recorded versions satisfy <paramref name="condition"/>.</summary>
    public async Task WaitUntilAsync(Func<NamespaceRecorder, bool> condition, TimeSpan patience)
    {
        using var deadline = new CancellationTokenSource(patience);
        while (true)
        {
            Task next;
            lock (_gate)
            {
                next = _changed.Task;
            }

            if (condition(this))
            {
                return;
            }

            await next.WaitAsync(deadline.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_projectLoop, _eventLoop);
        _stop.Dispose();
    }

    private Task WatchAsync<TList>(string resourceVersion, Func<string, CancellationToken, Task<k8s.Autorest.HttpOperationResponse<TList>>> watch, ConcurrentQueue<string> into) =>
        Task.Run(async () =>
        {
            var rv = resourceVersion;
            while (!_stop.IsCancellationRequested)
            {
                try
                {
#pragma warning disable CS0618 // The typed replacement exists for built-in kinds only.
                    await foreach (var (type, item) in watch(rv, _stop.Token).WatchAsync<JsonElement, TList>(cancellationToken: _stop.Token))
#pragma warning restore CS0618
                    {
                        if (type is WatchEventType.Bookmark or WatchEventType.Error)
                        {
                            continue;
                        }

                        into.Enqueue($"{type} {item.GetRawText()}");
                        if (item.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("resourceVersion", out var version))
                        {
                            rv = version.GetString() ?? rv;
                        }

                        Signal();
                    }
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or IOException)
                {
                    // Re-watch from the last version seen.
                }
            }
        });

    private void Signal()
    {
        lock (_gate)
        {
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}

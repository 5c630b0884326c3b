using System.Collections.Concurrent;
using System.Text.Json;
using Controller.Runtime.Client;
using Cpaas.Operator.Entities;
using k8s;

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
        var transport = new KubeApiTransport(admin);
        var projects = $"apis/{WellKnownNames.Group}/{WellKnownNames.Version}/namespaces/{ns}/{WellKnownNames.Plural}";
        var events = $"api/v1/namespaces/{ns}/events";
        var projectVersion = await ListVersionAsync(transport, projects);
        var eventVersion = await ListVersionAsync(transport, events);
        recorder._projectLoop = recorder.WatchAsync(transport, projects, projectVersion, recorder._projects);
        recorder._eventLoop = recorder.WatchAsync(transport, events, eventVersion, recorder._events);
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

    private static async Task<string> ListVersionAsync(KubeApiTransport transport, string path)
    {
        using var response = await transport.SendAsync(HttpMethod.Get, path, null, null, CancellationToken.None);
        using var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return list.RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString()!;
    }

    // Raw watch lines: each object exactly as the API server sent it.
    private Task WatchAsync(KubeApiTransport transport, string path, string resourceVersion, ConcurrentQueue<string> into) =>
        Task.Run(async () =>
        {
            var rv = resourceVersion;
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await transport.SendAsync(
                        HttpMethod.Get, path, [new("watch", "true"), new("resourceVersion", rv), new("timeoutSeconds", "300")], null, _stop.Token);
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
                    while (await reader.ReadLineAsync(_stop.Token) is { } line)
                    {
                        if (line.Length == 0)
                        {
                            continue;
                        }

                        using var change = JsonDocument.Parse(line);
                        var type = change.RootElement.GetProperty("type").GetString();
                        if (type is "BOOKMARK" or "ERROR")
                        {
                            continue;
                        }

                        var item = change.RootElement.GetProperty("object");
                        into.Enqueue($"{WatchTypeName(type)} {item.GetRawText()}");
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

    // As the full client's WatchEventType printed them (Added, Modified, Deleted): recorded lines keep their form.
    private static string WatchTypeName(string? type) => type switch
    {
        "ADDED" => nameof(WatchEventType.Added),
        "MODIFIED" => nameof(WatchEventType.Modified),
        "DELETED" => nameof(WatchEventType.Deleted),
        _ => type ?? "?",
    };

    private void Signal()
    {
        lock (_gate)
        {
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}

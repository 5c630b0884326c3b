using System.Collections.Concurrent;
using System.Net;
using Cpaas.Benchmark.Harness.Kube;

namespace Cpaas.Benchmark.Harness;

/// <summary>
/// Lists and watches every CpaasProject (as admin), keeping the latest view of each and the moment it was seen.
/// Survives dropped watches and 410 Gone (relists), so it works while the fault tests break the API server.
/// </summary>
public sealed class FleetWatcher : IAsyncDisposable
{
    private readonly KubeRest kube;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, ProjectView> views = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task loop = Task.CompletedTask;

    public FleetWatcher(KubeRest kube, TimeProvider? time = null)
    {
        this.kube = kube;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>How many times the watch was re-established (dropped streams, 410s).</summary>
    public int Rewatches { get; private set; }

    public async Task StartAsync(CancellationToken ct)
    {
        loop = Task.Run(() => RunAsync(stopping.Token), CancellationToken.None);
        await synced.Task.WaitAsync(ct);
    }

    public IReadOnlyCollection<ProjectView> Views => views.Values.ToList();

    public ProjectView? Get(string ns, string name) => views.GetValueOrDefault($"{ns}/{name}");

    public int CountReady() => views.Values.Count(v => v.IsReady);

    /// <summary>Completes when <paramref name="condition"/> holds over the views, re-checked after each change.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyCollection<ProjectView>, bool> condition, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(condition);
        while (true)
        {
            Task next;
            lock (gate)
            {
                next = changed.Task;
            }

            if (condition(Views))
            {
                return;
            }

            await next.WaitAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        string? resourceVersion = null;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (resourceVersion is null)
                {
                    var (items, listVersion) = await kube.ListAsync(ManifestPaths.AllProjects, ct);
                    var now = time.GetUtcNow();
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var item in items)
                    {
                        var view = ProjectView.From(item, now);
                        views[view.Key] = view;
                        seen.Add(view.Key);
                    }

                    foreach (var gone in views.Keys.Where(k => !seen.Contains(k)).ToList())
                    {
                        views.TryRemove(gone, out _);
                    }

                    resourceVersion = listVersion;
                    synced.TrySetResult();
                    Signal();
                }

                await foreach (var line in kube.WatchAsync(ManifestPaths.AllProjects, resourceVersion, ct))
                {
                    resourceVersion = line.Object["metadata"]?["resourceVersion"]?.GetValue<string>() ?? resourceVersion;
                    if (line.Type == "BOOKMARK")
                    {
                        continue;
                    }

                    var view = ProjectView.From(line.Object, time.GetUtcNow());
                    if (line.Type == "DELETED")
                    {
                        views.TryRemove(view.Key, out _);
                    }
                    else
                    {
                        views[view.Key] = view;
                    }

                    Signal();
                }

                Rewatches++;
            }
            catch (KubeRequestException e) when (e.Status == HttpStatusCode.Gone)
            {
                resourceVersion = null;
                Rewatches++;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or KubeRequestException)
            {
                Rewatches++;
                resourceVersion = null;
                await Task.Delay(TimeSpan.FromMilliseconds(200), time, ct); // Back off before relisting.
            }
        }
    }

    private void Signal()
    {
        TaskCompletionSource previous;
        lock (gate)
        {
            previous = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }
}

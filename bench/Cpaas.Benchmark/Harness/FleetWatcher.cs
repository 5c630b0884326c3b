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
    private readonly KubeRest _kube;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, ProjectView> _views = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;

    public FleetWatcher(KubeRest kube, TimeProvider? time = null)
    {
        _kube = kube;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How many times the watch was re-established (dropped streams, 410s).</summary>
    public int Rewatches { get; private set; }

    public async Task StartAsync(CancellationToken ct)
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        await _synced.Task.WaitAsync(ct);
    }

    public IReadOnlyCollection<ProjectView> Views => _views.Values.ToList();

    public ProjectView? Get(string ns, string name) => _views.GetValueOrDefault($"{ns}/{name}");

    public int CountReady() => _views.Values.Count(v => v.IsReady);

    /// <summary>Completes when <paramref name="condition"/> holds over the views, re-checked after each change.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyCollection<ProjectView>, bool> condition, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(condition);
        while (true)
        {
            Task next;
            lock (_gate)
            {
                next = _changed.Task;
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
        await _stopping.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stopping.Dispose();
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
                    var (items, listVersion) = await _kube.ListAsync(ManifestPaths.AllProjects, ct);
                    var now = _time.GetUtcNow();
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var item in items)
                    {
                        var view = ProjectView.From(item, now);
                        _views[view.Key] = view;
                        seen.Add(view.Key);
                    }

                    foreach (var gone in _views.Keys.Where(k => !seen.Contains(k)).ToList())
                    {
                        _views.TryRemove(gone, out _);
                    }

                    resourceVersion = listVersion;
                    _synced.TrySetResult();
                    Signal();
                }

                await foreach (var line in _kube.WatchAsync(ManifestPaths.AllProjects, resourceVersion, ct))
                {
                    resourceVersion = line.Object["metadata"]?["resourceVersion"]?.GetValue<string>() ?? resourceVersion;
                    if (line.Type == "BOOKMARK")
                    {
                        continue;
                    }

                    var view = ProjectView.From(line.Object, _time.GetUtcNow());
                    if (line.Type == "DELETED")
                    {
                        _views.TryRemove(view.Key, out _);
                    }
                    else
                    {
                        _views[view.Key] = view;
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
                await Task.Delay(TimeSpan.FromMilliseconds(200), _time, ct); // Back off before relisting.
            }
        }
    }

    private void Signal()
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }
}

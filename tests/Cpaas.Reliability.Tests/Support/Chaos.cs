using Cpaas.Benchmark.Harness;
using Cpaas.Sandbox.Faults;

namespace Cpaas.Reliability.Tests.Support;

/// <summary>
/// The fault mix of issue 6, on both sandboxes, until disposed: CPaaS 20% 5xx, 5% timeouts, a 429 burst (up to 10
/// requests within one second) every 5 seconds, 2% of adds and reset_keys losing their response after commit; the Kubernetes API dropping every watch
/// every 3 s, expiring resourceVersions every 7 s and answering some writes of the operator with 409 Conflict.
/// </summary>
public sealed class Chaos : IAsyncDisposable
{
    private readonly TestBed _bed;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public Chaos(TestBed bed)
    {
        _bed = bed;
        var faults = bed.Cpaas.Faults;
        faults.ErrorRate = 0.20;
        faults.TimeoutRate = 0.05;
        faults.TimeoutHang = TimeSpan.FromSeconds(2);
        faults.LoseResponseAfterCommitRate = 0.02;
        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    public int WatchesDropped { get; private set; }

    public int Expiries { get; private set; }

    public int ConflictsInjected { get; private set; }

    public int Bursts { get; private set; }

    /// <summary>Stops the loop and clears every fault (the fleet must then converge and stay converged).</summary>
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

        _bed.Cpaas.Faults.Clear();
        _bed.Kube.Faults.Clear();
        _stopping.Dispose();
    }

    public override string ToString() =>
        $"chaos: {WatchesDropped} watches dropped, {Expiries} resourceVersion expiries, {ConflictsInjected} 409s injected, {Bursts} 429 bursts";

    private async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        for (var tick = 1; await timer.WaitForNextTickAsync(ct); tick++)
        {
            if (tick % 3 == 0)
            {
                WatchesDropped += _bed.Kube.Faults.DropWatches();
            }

            if (tick % 7 == 0)
            {
                _bed.Kube.Faults.ExpireResourceVersions();
                Expiries++;
            }

            // One pending 409 per kind of write every 2 s, not a growing backlog: injections add up, and with only a few
            // resources left writing, a backlog would refuse every write of theirs until the faults stop.
            if (tick % 2 == 0)
            {
                _bed.Kube.Faults.Clear();
                _bed.Kube.Faults.Inject("update", "cpaasprojects", 409);
                _bed.Kube.Faults.Inject("patch", "cpaasprojects", 409);
                _bed.Kube.Faults.Inject("update", "cpaasprojects/status", 409);
                _bed.Kube.Faults.Inject("patch", "cpaasprojects/status", 409);
                _bed.Kube.Faults.Inject("create", "secrets", 409);
                _bed.Kube.Faults.Inject("update", "secrets", 409);
                ConflictsInjected += 6;
            }

            // A burst lasts as long as its Retry-After: up to 10 requests within that second are refused. (A burst
            // that waited for its 10th request would, with only a few resources left, refuse every request forever.)
            if (tick % 5 == 0)
            {
                _bed.Cpaas.Faults.RateLimitBurst(10, TimeSpan.FromSeconds(1));
                Bursts++;
            }
            else if (tick % 5 == 1)
            {
                _bed.Cpaas.Faults.RateLimitBurst(0, TimeSpan.FromSeconds(1));
            }
        }
    }
}

using Microsoft.Extensions.Logging;

namespace Controller.Runtime.Hosting;

/// <summary>
/// Gives memory back to the system after the start-up lists and after bursts of work, the way Go's scavenger does
/// for controllers written in Go. The collector keeps the regions it freed committed until a later collection, and an
/// idle operator has none: with 5,000 unrelated Secrets listed by metadata, 13 MB stayed committed for 8 MB of heap;
/// after converging 10,000 projects the heap held garbage of the burst while only resyncs ran
/// (docs/decisions/0065-lists-as-streams-and-startup-memory.md). One aggressive (decommitting) collection, a few
/// milliseconds to tens of milliseconds at these sizes, returns it.
/// </summary>
public sealed class MemoryRelease(ILogger logger, TimeProvider time, TimeSpan interval)
{
    private long _committedAfterLastRelease;

    /// <summary>Collects now, aggressively; <paramref name="after"/> names the moment for the Debug line.</summary>
    public void ReleaseNow(string after)
    {
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var started = time.GetTimestamp();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var info = GC.GetGCMemoryInfo();
        _committedAfterLastRelease = info.TotalCommittedBytes;
        logger.LogDebug(
            "Released memory after {After} in {Milliseconds:F0} ms: GC committed {BeforeMegabytes:F1} MB -> {AfterMegabytes:F1} MB, heap {HeapMegabytes:F1} MB",
            after,
            time.GetElapsedTime(started).TotalMilliseconds,
            before / 1048576.0,
            info.TotalCommittedBytes / 1048576.0,
            info.HeapSizeBytes / 1048576.0);
    }

    /// <summary>Every interval: releases when <see cref="MemoryReleaseDecision"/> says the process is quiet after growing.</summary>
    public async Task RunWhenQuietAsync(CancellationToken cancellationToken)
    {
        var previous = Sample();
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var current = Sample();
                if (MemoryReleaseDecision.ShouldRelease(previous, current, _committedAfterLastRelease, interval))
                {
                    ReleaseNow("a burst of work");
                    current = Sample();
                }
                else
                {
                    logger.LogTrace(
                        "Memory kept: {AllocatedMegabytes:F1} MB allocated in {Seconds:F0} s, GC committed {CommittedMegabytes:F1} MB ({AfterReleaseMegabytes:F1} MB after the last release)",
                        (current.AllocatedBytes - previous.AllocatedBytes) / 1048576.0,
                        interval.TotalSeconds,
                        current.CommittedBytes / 1048576.0,
                        _committedAfterLastRelease / 1048576.0);
                }

                previous = current;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static MemorySample Sample() => new(GC.GetTotalAllocatedBytes(), GC.GetGCMemoryInfo().TotalCommittedBytes);
}

using Microsoft.Extensions.Logging;

namespace Controller.Runtime.Hosting;

/// <summary>
/// Gives back what listing every cache left behind, once, when all caches have synced. The initial lists allocate
/// far more than the caches keep (pages of objects before their transforms, the objects other informers' selectors
/// or transforms drop), and the collector keeps the regions it freed committed until a later collection, which an
/// idle operator never has: with 5,000 unrelated Secrets listed by metadata, 13 MB stayed committed for 8 MB of
/// heap (docs/decisions/0065-lists-as-streams-and-startup-memory.md). One aggressive collection, a few milliseconds
/// with caches of this size, returns them to the system.
/// </summary>
internal static class StartupMemoryRelease
{
    public static void Run(ILogger logger, TimeProvider time)
    {
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var started = time.GetTimestamp();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var after = GC.GetGCMemoryInfo();
        logger.LogDebug(
            "Released start-up memory in {Milliseconds:F0} ms: GC committed {BeforeMegabytes:F1} MB -> {AfterMegabytes:F1} MB, heap {HeapMegabytes:F1} MB",
            time.GetElapsedTime(started).TotalMilliseconds,
            before / 1048576.0,
            after.TotalCommittedBytes / 1048576.0,
            after.HeapSizeBytes / 1048576.0);
    }
}

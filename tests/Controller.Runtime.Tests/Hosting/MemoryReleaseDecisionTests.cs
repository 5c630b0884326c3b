using Controller.Runtime.Hosting;

namespace Controller.Runtime.Tests.Hosting;

public sealed class MemoryReleaseDecisionTests
{
    private const long MB = 1024 * 1024;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(10, 100, 40, true)] // quiet (10 MB in 30 s), grew 60 MB over 40: a burst's leftovers
    [InlineData(600, 100, 40, false)] // 600 MB in 30 s: a burst in progress
    [InlineData(59, 100, 40, true)] // just under 2 MB/s
    [InlineData(61, 100, 40, false)] // just over
    [InlineData(10, 50, 40, false)] // grew 10 MB: under the 16 MB floor
    [InlineData(10, 200, 180, false)] // grew 20 MB over 180: under a quarter
    [InlineData(10, 240, 180, true)] // grew 60 MB over 180: over a quarter
    [InlineData(10, 30, 40, false)] // shrank since the last release
    public void A_quiet_process_gives_memory_back_only_after_it_grew_clearly(
        long allocatedMegabytes, long committedMegabytes, long afterLastReleaseMegabytes, bool release)
    {
        var previous = new MemorySample(1000 * MB, committedMegabytes * MB);
        var current = new MemorySample((1000 + allocatedMegabytes) * MB, committedMegabytes * MB);

        Assert.Equal(release, MemoryReleaseDecision.ShouldRelease(previous, current, afterLastReleaseMegabytes * MB, Interval));
    }
}

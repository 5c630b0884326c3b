using Controller.Runtime.Hosting;

namespace Controller.Runtime.Tests.Hosting;

public sealed class MemoryReleaseDecisionTests
{
    private const long MB = 1024 * 1024;

    [Theory]
    [InlineData(10, 10, 100, 40, true)] // idle, grew 60 MB over 40: a burst's leftovers
    [InlineData(10, 11, 100, 40, false)] // a collection ran in the interval: still working
    [InlineData(10, 10, 50, 40, false)] // idle, grew 10 MB: under the 16 MB floor
    [InlineData(10, 10, 200, 180, false)] // idle, grew 20 MB over 180: under a quarter
    [InlineData(10, 10, 240, 180, true)] // idle, grew 60 MB over 180: over a quarter
    [InlineData(10, 10, 30, 40, false)] // shrank since the last release
    public void An_idle_process_gives_memory_back_only_after_it_grew_clearly(
        int previousCollections, int currentCollections, long committedMegabytes, long afterLastReleaseMegabytes, bool release)
    {
        var previous = new MemorySample(previousCollections, committedMegabytes * MB);
        var current = new MemorySample(currentCollections, committedMegabytes * MB);

        Assert.Equal(release, MemoryReleaseDecision.ShouldRelease(previous, current, afterLastReleaseMegabytes * MB));
    }
}

namespace Controller.Runtime.Hosting;

/// <summary>What <see cref="MemoryRelease"/> looks at: gen0 collections so far and the memory the collector has committed.</summary>
public readonly record struct MemorySample(int Gen0Collections, long CommittedBytes);

/// <summary>When an idle process should give memory back (pure, so the rule is tested without a collector).</summary>
public static class MemoryReleaseDecision
{
    /// <summary>Growth below this is never worth a full collection.</summary>
    public const long MinimumGrowthBytes = 16L * 1024 * 1024;

    /// <summary>
    /// True when no collection ran since the previous sample (the process allocated less than a gen0 budget over a
    /// whole interval: it is idle) and the committed memory grew since the last release by more than
    /// <see cref="MinimumGrowthBytes"/> and a quarter. A burst of work leaves such growth behind; steady work keeps
    /// collecting and is never interrupted.
    /// </summary>
    public static bool ShouldRelease(MemorySample previous, MemorySample current, long committedAfterLastRelease)
    {
        var idle = current.Gen0Collections == previous.Gen0Collections;
        var growth = current.CommittedBytes - committedAfterLastRelease;
        return idle && growth > Math.Max(MinimumGrowthBytes, committedAfterLastRelease / 4);
    }
}

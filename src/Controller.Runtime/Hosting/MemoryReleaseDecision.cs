namespace Controller.Runtime.Hosting;

/// <summary>What <see cref="MemoryRelease"/> looks at: bytes allocated so far and the memory the collector has committed.</summary>
public readonly record struct MemorySample(long AllocatedBytes, long CommittedBytes);

/// <summary>When a quiet process should give memory back (pure, so the rule is tested without a collector).</summary>
public static class MemoryReleaseDecision
{
    /// <summary>Growth below this is never worth a full collection.</summary>
    public const long MinimumGrowthBytes = 16L * 1024 * 1024;

    /// <summary>
    /// Allocation rate below which the process counts as quiet: a converged fleet's spread resyncs allocate a fraction
    /// of it (10,000 projects: about three reconciles a second), a converge or restart burst tens of times more.
    /// </summary>
    public const long QuietBytesPerSecond = 2L * 1024 * 1024;

    /// <summary>
    /// True when the process allocated less than <see cref="QuietBytesPerSecond"/> over the interval (quiet) and the
    /// committed memory grew since the last release by more than <see cref="MinimumGrowthBytes"/> and a quarter. A
    /// burst leaves such growth behind; a burst in progress is never interrupted.
    /// </summary>
    public static bool ShouldRelease(MemorySample previous, MemorySample current, long committedAfterLastRelease, TimeSpan interval)
    {
        var quiet = current.AllocatedBytes - previous.AllocatedBytes < QuietBytesPerSecond * interval.TotalSeconds;
        var growth = current.CommittedBytes - committedAfterLastRelease;
        return quiet && growth > Math.Max(MinimumGrowthBytes, committedAfterLastRelease / 4);
    }
}

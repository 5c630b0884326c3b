using Cpaas.Benchmark.Harness.Operator;

namespace Cpaas.Benchmark.Harness;

/// <summary>How a <see cref="TestBed"/> starts its two sandboxes.</summary>
public sealed record TestBedOptions
{
    /// <summary>The operator binary and runtime settings every operator of this bed starts with; null: the build output, no extra settings.</summary>
    public OperatorRuntime? Runtime { get; init; }

    /// <summary>Working directory (sandbox state, kubeconfigs, operator logs); a new temporary one when null.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>Changes the Kubernetes sandbox keeps before older resourceVersions answer 410 Gone.</summary>
    public int CompactionWindow { get; init; } = 20_000;

    public TimeSpan WatchBookmarkInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Seed for the CPaaS sandbox's rate-based faults (repeatable runs).</summary>
    public int? RandomSeed { get; init; }

    /// <summary>Keep the working directory (logs) after dispose.</summary>
    public bool KeepWorkDirectory { get; init; }
}

using System.Globalization;
using Cpaas.Benchmark.Harness;

namespace Cpaas.Reliability.Tests.Support;

/// <summary>
/// Sizes of the reliability runs. CI (the default) keeps the whole project within a few minutes on two cores;
/// CPAAS_RELIABILITY_SCALE=full runs the sizes of issue 6 (50 resources killed 20 times, 200 resources under faults,
/// ...). Each size can also be set on its own (CPAAS_RELIABILITY_CRASH_ROUNDS=...).
/// </summary>
public sealed record ReliabilityScale
{
    public const string ScaleVariable = "CPAAS_RELIABILITY_SCALE";

    public bool Full { get; init; }

    public int CrashResources { get; init; }

    public int CrashRounds { get; init; }

    public int FaultResources { get; init; }

    public int LeaderResources { get; init; }

    /// <summary>Seed of the random kill moments and fault draws; logged so a failure can be replayed.</summary>
    public int Seed { get; init; }

    /// <summary>CPAAS_RELIABILITY_KEEP_LOGS=1 keeps each test's work directory (operator logs) for diagnosis.</summary>
    public bool KeepLogs { get; init; }

    public TestBedOptions BedOptions(int? randomSeed = null) => new() { RandomSeed = randomSeed, KeepWorkDirectory = KeepLogs };

    public static ReliabilityScale Current { get; } = Load();

    private static ReliabilityScale Load()
    {
        var full = string.Equals(Environment.GetEnvironmentVariable(ScaleVariable), "full", StringComparison.OrdinalIgnoreCase);
        return new ReliabilityScale
        {
            Full = full,
            CrashResources = Int("CPAAS_RELIABILITY_CRASH_RESOURCES", 50),
            CrashRounds = Int("CPAAS_RELIABILITY_CRASH_ROUNDS", full ? 20 : 6),
            FaultResources = Int("CPAAS_RELIABILITY_FAULT_RESOURCES", full ? 200 : 24),
            LeaderResources = Int("CPAAS_RELIABILITY_LEADER_RESOURCES", full ? 100 : 30),
            KeepLogs = Environment.GetEnvironmentVariable("CPAAS_RELIABILITY_KEEP_LOGS") == "1",
            Seed = Int("CPAAS_RELIABILITY_SEED", Random.Shared.Next(1, 1_000_000)),
        };
    }

    private static int Int(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}

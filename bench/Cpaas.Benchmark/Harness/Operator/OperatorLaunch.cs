using System.Globalization;

namespace Cpaas.Benchmark.Harness.Operator;

/// <summary>How to start one operator process: its flags (see src/Cpaas.Operator/Hosting/OperatorSettings.cs) and environment.</summary>
public sealed record OperatorLaunch
{
    public required string Kubeconfig { get; init; }

    public required Uri CpaasBaseUrl { get; init; }

    public required string ApiId { get; init; }

    public required string ApiKey { get; init; }

    /// <summary>Lease holder name and the identity in the CPaaS User-Agent.</summary>
    public required string Identity { get; init; }

    /// <summary>The operator's .dll (run with dotnet) or native executable; see <see cref="OperatorBinary"/>.</summary>
    public required string Executable { get; init; }

    /// <summary>Runtime settings (DOTNET_*) as the shipped image and Deployment set them, plus any of the run's own.</summary>
    public IReadOnlyDictionary<string, string> RuntimeEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>A container-like memory limit: the process runs in a cgroup with this limit (DOTNET_GCHeapHardLimit where none can be made).</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>Where stdout and stderr of the process are written (one file per start).</summary>
    public required string LogDirectory { get; init; }

    public bool LeaderElect { get; init; } = true;

    public string LeaderElectionNamespace { get; init; } = "cpaas-system";

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public int Workers { get; init; } = 4;

    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromMinutes(10);

    public double CpaasRateLimit { get; init; } = 10;

    public int CpaasBurst { get; init; } = 10;

    public TimeSpan? CpaasTimeout { get; init; }

    public string LogLevel { get; init; } = "Information";

    /// <summary>"server", "workstation" or null (the operator's own setting).</summary>
    public string? GarbageCollector { get; init; }

    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    public IReadOnlyDictionary<string, string> ExtraEnvironment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Arguments()
    {
        var args = new List<string>
        {
            "--kubeconfig", Kubeconfig,
            "--cpaas-base-url", CpaasBaseUrl.ToString().TrimEnd('/'),
            "--credentials-dir", Path.Combine(LogDirectory, "no-credentials-dir"),
            "--identity", Identity,
            "--leader-elect", LeaderElect ? "true" : "false",
            "--leader-election-namespace", LeaderElectionNamespace,
            "--leader-election-lease-duration", Seconds(LeaseDuration),
            "--workers", Workers.ToString(CultureInfo.InvariantCulture),
            "--resync-interval", Seconds(ResyncInterval),
            "--cpaas-rate-limit", CpaasRateLimit.ToString(CultureInfo.InvariantCulture),
            "--cpaas-burst", CpaasBurst.ToString(CultureInfo.InvariantCulture),
            "--metrics-bind-address", "127.0.0.1:0",
            "--health-probe-bind-address", "127.0.0.1:0",
            "--log-format", "text",
            "--log-level", LogLevel,
        };
        if (CpaasTimeout is { } timeout)
        {
            args.AddRange(["--cpaas-timeout", Seconds(timeout)]);
        }

        args.AddRange(ExtraArguments);
        return args;
    }

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds == Math.Floor(span.TotalSeconds)
            ? string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalSeconds}s")
            : string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalMilliseconds}ms");
}

using System.Globalization;

namespace Cpaas.Benchmark;

/// <summary>The benchmark's command line.</summary>
public sealed record BenchmarkOptions
{
    public static readonly IReadOnlyList<string> AllScenarios = ["converge", "resync", "latency", "idle", "memory"];

    /// <summary>Run only when named: fleet (fleet_at_limit), sweepcost (noop_resync_cost) and sweepidle (idle_sweep_after_burst), see bench/README.md.</summary>
    public static readonly IReadOnlyList<string> OptionalScenarios = ["fleet", "sweepcost", "sweepidle"];

    /// <summary>Resources for converge, no-op resync and change latency.</summary>
    public int Count { get; init; } = 1000;

    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;

    /// <summary>Fleet sizes of the memory and start-up scenario.</summary>
    public IReadOnlyList<int> MemorySizes { get; init; } = [1000, 10_000];

    public int Changes { get; init; } = 200;

    public TimeSpan CpaasLatency { get; init; } = TimeSpan.FromMilliseconds(20);

    public double RateLimit { get; init; } = 100;

    public int Burst { get; init; } = 10;

    /// <summary>Operator workers; null = the operator's default.</summary>
    public int? Workers { get; init; }

    /// <summary>"server" or "workstation" GC for the operator; null = as built.</summary>
    public string? OperatorGc { get; init; }

    /// <summary>Resync interval for the no-op resync; null = max(30 s, 2 x N / rate).</summary>
    public TimeSpan? ResyncInterval { get; init; }

    /// <summary>Converged projects of the fleet_at_limit scenario.</summary>
    public int FleetSize { get; init; } = 10_000;

    /// <summary>Measurement window of the fleet_at_limit scenario.</summary>
    public TimeSpan FleetWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Drift sweep interval of the fleet_at_limit scenario.</summary>
    public TimeSpan FleetSweepInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>"published" (as the Dockerfile publishes it), "build" (bin/Release) or a path to a .dll or native executable.</summary>
    public string Operator { get; init; } = "published";

    /// <summary>Start the operator with the DOTNET_* settings of the shipped Dockerfile and Deployment.</summary>
    public bool ShippedEnvironment { get; init; } = true;

    /// <summary>DOTNET_* (or other) variables for the operator, on top of the shipped ones.</summary>
    public IReadOnlyDictionary<string, string> OperatorEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>The operator's --log-level: Information (default), Debug or Trace.</summary>
    public string OperatorLogLevel { get; init; } = "Information";

    /// <summary>"none", "shipped" (the Deployment's limit) or a quantity such as 256Mi: the idle and memory scenarios run the operator under it.</summary>
    public string MemoryLimit { get; init; } = "none";

    /// <summary>Secrets of other workloads (no CpaasProject refers to them) created before the idle and memory scenarios start the operator.</summary>
    public int UnrelatedSecrets { get; init; }

    public int UnrelatedSecretKilobytes { get; init; } = 64;

    /// <summary>Operator starts of the idle scenario (start-up time is their median).</summary>
    public int IdleRuns { get; init; } = 3;

    public bool Quick { get; init; }

    public bool KeepLogs { get; init; }

    public string? WorkDirectory { get; init; }

    public const string Usage = """
        cpaas-benchmark: converge speed, no-op resync, change latency, memory and start-up of cpaas-operator,
        against the in-process Kubernetes and CPaaS sandboxes; the operator runs as a separate process.

        usage: dotnet run -c Release --project bench/Cpaas.Benchmark -- [options]
          --count N             resources for converge / resync / latency (default 1000)
          --scenarios LIST      comma-separated: converge,resync,latency,idle,memory (default all), fleet, sweepcost, sweepidle
          --memory-sizes LIST   fleet sizes for memory and start-up (default 1000,10000)
          --changes N           single-field changes for the latency scenario (default 200)
          --latency-ms N        CPaaS sandbox latency per request (default 20)
          --rate-limit N        CPaaS requests/s per account, sandbox and operator alike (default 100)
          --burst N             token bucket size, sandbox and operator alike (default 10)
          --workers N           operator --workers (default: the operator's default)
          --operator-gc server|workstation   override the operator's GC mode (default: as built)
          --operator WHICH      published (default: publish as the Dockerfile does), build (bin/Release), or a
                                path to a published cpaas-operator.dll or a native executable
          --operator-env N=V    an environment variable for the operator (repeatable), on top of the shipped DOTNET_*
          --operator-log-level L  the operator's --log-level (default Information; Debug logs each cache's list time)
          --no-shipped-env      do not give the operator the DOTNET_* settings of the Dockerfile and manager.yaml
          --memory-limit L      none (default), shipped (the Deployment's limit) or a quantity (256Mi): idle and memory
                                run the operator in a cgroup with that limit (DOTNET_GCHeapHardLimit where none can be made)
          --unrelated-secrets N Secrets no project refers to, created before idle and memory start the operator (default 0)
          --unrelated-secret-kb K  their size (default 64)
          --idle-runs N         operator starts of the idle scenario (default 3; start-up is the median)
          --resync-interval S   seconds, for the no-op resync (default max(30, 2*N/rate))
          --fleet-size N        converged projects for fleet (default 10000)
          --fleet-window S      seconds measured by fleet (default 300)
          --fleet-sweep S       drift sweep interval of fleet, seconds (default 60)
          --quick               N=100, 40 changes, memory at 1000 only (a smoke run, about 2 minutes)
          --keep-logs           keep the work directory with the operator logs
          --work-dir DIR        where sandbox state and operator logs go (default: a temp directory)
        Prints a table, then one JSON line.
        """;

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new BenchmarkOptions();
        if (args.Contains("--quick"))
        {
            options = options with { Quick = true, Count = 100, Changes = 40, MemorySizes = [1000] };
        }

        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--quick" => options,
                "--count" => options with { Count = PositiveInt(Next()) },
                "--scenarios" => options with { Scenarios = List(Next()).Select(Scenario).ToList() },
                "--memory-sizes" => options with { MemorySizes = List(Next()).Select(PositiveInt).ToList() },
                "--changes" => options with { Changes = PositiveInt(Next()) },
                "--latency-ms" => options with { CpaasLatency = TimeSpan.FromMilliseconds(int.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--rate-limit" => options with { RateLimit = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--burst" => options with { Burst = PositiveInt(Next()) },
                "--workers" => options with { Workers = PositiveInt(Next()) },
                "--operator-gc" => options with { OperatorGc = GcMode(Next()) },
                "--resync-interval" => options with { ResyncInterval = TimeSpan.FromSeconds(PositiveInt(Next())) },
                "--fleet-size" => options with { FleetSize = PositiveInt(Next()) },
                "--fleet-window" => options with { FleetWindow = TimeSpan.FromSeconds(PositiveInt(Next())) },
                "--fleet-sweep" => options with { FleetSweepInterval = TimeSpan.FromSeconds(PositiveInt(Next())) },
                "--operator" => options with { Operator = Next() },
                "--operator-env" => options with { OperatorEnvironment = WithVariable(options.OperatorEnvironment, Next()) },
                "--operator-log-level" => options with { OperatorLogLevel = LogLevelName(Next()) },
                "--no-shipped-env" => options with { ShippedEnvironment = false },
                "--memory-limit" => options with { MemoryLimit = Next() },
                "--unrelated-secrets" => options with { UnrelatedSecrets = NonNegativeInt(Next()) },
                "--unrelated-secret-kb" => options with { UnrelatedSecretKilobytes = PositiveInt(Next()) },
                "--idle-runs" => options with { IdleRuns = PositiveInt(Next()) },
                "--keep-logs" => options with { KeepLogs = true },
                "--work-dir" => options with { WorkDirectory = Next() },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return options;
    }

    private static Dictionary<string, string> WithVariable(IReadOnlyDictionary<string, string> variables, string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new ArgumentException($"--operator-env takes NAME=VALUE, not {pair}");
        }

        return new Dictionary<string, string>(variables, StringComparer.Ordinal) { [pair[..equals]] = pair[(equals + 1)..] };
    }

    private static int NonNegativeInt(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw new ArgumentException($"{text} is not a non-negative integer");

    private static string GcMode(string text) =>
        text is "server" or "workstation" ? text : throw new ArgumentException("--operator-gc is server or workstation");

    private static string LogLevelName(string text) =>
        text is "Trace" or "Debug" or "Information" or "Warning" or "Error"
            ? text
            : throw new ArgumentException("--operator-log-level is Trace, Debug, Information, Warning or Error");

    public bool Runs(string scenario) => Scenarios.Contains(scenario);

    private static IEnumerable<string> List(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Scenario(string name) =>
        AllScenarios.Contains(name) || OptionalScenarios.Contains(name) ? name : throw new ArgumentException($"unknown scenario {name}; known: {string.Join(",", AllScenarios.Concat(OptionalScenarios))}");

    private static int PositiveInt(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{text} is not a positive integer");
}

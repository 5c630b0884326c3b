using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Cpaas.Benchmark.Harness;
using Cpaas.Benchmark.Harness.Operator;
using Cpaas.Benchmark.Reporting;
using Cpaas.Benchmark.Scenarios;

namespace Cpaas.Benchmark;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.Out.WriteLine(BenchmarkOptions.Usage);
            return 0;
        }

        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync($"cpaas-benchmark: {e.Message}");
            return 2;
        }

        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopping.Cancel();
        };

        var reports = new List<ScenarioReport>();
        var header = Header(options);
        try
        {
            await RunAsync(options, header, reports, stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("cpaas-benchmark: interrupted; partial results follow");
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or HttpRequestException)
        {
            await Console.Error.WriteLineAsync($"cpaas-benchmark: {e.Message}");
            header["error"] = e.Message;
        }

        header["load_average_at_end"] = LoadAverage();
        ReportWriter.WriteTable(Console.Out, reports);
        Console.Out.WriteLine(ReportWriter.JsonLine(header, reports));
        return header.ContainsKey("error") ? 1 : 0;
    }

    private static async Task RunAsync(BenchmarkOptions options, JsonObject header, List<ScenarioReport> reports, CancellationToken ct)
    {
        var runtime = await ResolveRuntimeAsync(options, ct);
        header["operator"] = runtime.ToJson();
        if (options.Runs("converge") || options.Runs("resync") || options.Runs("latency"))
        {
            Progress($"fleet of {options.Count}: converge");
            await using var bed = await TestBed.StartAsync(new TestBedOptions
            {
                Runtime = runtime,
                WorkDirectory = options.WorkDirectory is null ? null : Path.Combine(options.WorkDirectory, "fleet"),
                KeepWorkDirectory = options.KeepLogs,
                CompactionWindow = Math.Max(20_000, options.Count * 12),
            }, ct);
            var session = new FleetSession(bed, options);
            var (converge, kubeCost) = await ConvergeScenario.RunAsync(session, ct);
            reports.Add(converge);
            reports.Add(kubeCost);
            if (converge.Json["completed"]?.GetValue<bool>() != true)
            {
                throw new TimeoutException("the fleet did not converge; the other fleet scenarios need it");
            }

            if (options.Runs("resync"))
            {
                Progress("no-op resync");
                reports.Add(await NoOpResyncScenario.RunAsync(session, ct));
            }

            if (options.Runs("latency"))
            {
                Progress($"change latency ({options.Changes} changes)");
                reports.Add(await ChangeLatencyScenario.RunAsync(session, ct));
            }

            if (options.KeepLogs)
            {
                Progress($"logs kept in {bed.WorkDirectory}");
            }
        }

        if (options.Runs("idle"))
        {
            Progress($"idle: {options.IdleRuns} starts with no resources" + (options.UnrelatedSecrets > 0 ? $" and {options.UnrelatedSecrets} unrelated Secrets" : ""));
            var idle = new ScenarioReport("idle");
            reports.Add(idle);
            foreach (var (name, value) in await IdleScenario.RunAsync(options, runtime, idle, ct))
            {
                idle.Json[name] = value?.DeepClone();
            }
        }

        if (options.Runs("fleet"))
        {
            Progress($"fleet at the rate limit: {options.FleetSize} converged projects");
            reports.Add(await FleetAtLimitScenario.RunAsync(options, runtime, ct));
        }

        if (options.Runs("sweepcost"))
        {
            Progress($"drift cost before and after the sweep at {options.Count}");
            reports.Add(await DriftCostScenario.RunAsync(options, runtime, ct));
        }

        if (options.Runs("sweepidle"))
        {
            Progress($"idle sweep cost right after a burst of {options.Count} creations");
            reports.Add(await IdleSweepAfterBurstScenario.RunAsync(options, runtime, ct));
        }

        if (options.Runs("memory"))
        {
            var memory = new ScenarioReport("memory");
            var sizes = new JsonArray();
            memory.Json["sizes"] = sizes;
            reports.Add(memory);
            foreach (var size in options.MemorySizes)
            {
                Progress($"memory and start-up at {size}");
                sizes.Add(await MemoryScenario.RunAsync(size, options, runtime, memory, ct));
            }
        }
    }

    /// <summary>The operator binary (published as the Dockerfile does, by default) and its shipped DOTNET_* settings.</summary>
    private static async Task<OperatorRuntime> ResolveRuntimeAsync(BenchmarkOptions options, CancellationToken ct)
    {
        var shipped = ShippedRuntime.Load();
        var executable = await OperatorBinary.ResolveAsync(options.Operator, shipped, Progress, ct);
        var environment = new Dictionary<string, string>(options.ShippedEnvironment ? shipped.Environment : new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (name, value) in options.OperatorEnvironment)
        {
            environment[name] = value;
        }

        return new OperatorRuntime(options.Operator, executable, environment, shipped) { LogLevel = options.OperatorLogLevel };
    }

    private static JsonObject Header(BenchmarkOptions options) => new()
    {
        ["benchmark"] = "cpaas-operator",
        ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture),
        ["commit"] = GitCommit(),
        ["cores"] = Environment.ProcessorCount,
        ["quick"] = options.Quick,
        ["cpaas_latency_ms"] = options.CpaasLatency.TotalMilliseconds,
        ["rate_limit"] = options.RateLimit,
        ["burst"] = options.Burst,
        ["workers"] = options.Workers is { } w ? w : "default",
        ["operator_gc"] = options.OperatorGc ?? "as built",
        ["load_average_at_start"] = LoadAverage(),
        ["memory_limit"] = options.MemoryLimit,
        ["unrelated_secrets"] = options.UnrelatedSecrets,
    };

    /// <summary>The 1-minute load average: this machine is shared, and a loaded machine slows every number.</summary>
    internal static double LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(text, CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    private static string GitCommit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            var sha = git?.StandardOutput.ReadToEnd().Trim();
            git?.WaitForExit();
            return string.IsNullOrEmpty(sha) ? "unknown" : sha;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private static void Progress(string message) =>
        Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}

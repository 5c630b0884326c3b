using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Cpaas.Benchmark.Harness.Operator;

/// <summary>
/// The operator as a separate process (<c>dotnet cpaas-operator.dll ...</c>), so that its memory is its own and it
/// can be killed like a pod. Its output goes to a log file; the bound metrics address is read from its log.
/// </summary>
public sealed partial class OperatorProcess : IAsyncDisposable
{
    private const int TailLines = 200;
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _gate = new();
    private readonly Queue<string> _tail = new();
    private readonly TaskCompletionSource<Uri> _metricsUrl = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Task _stdout;
    private readonly Task _stderr;
    private int _fatalLines;
    private bool _killedByHarness;

    private OperatorProcess(Process process, StreamWriter log, string logPath, long startTimestamp, DateTimeOffset startedAt, MemoryCgroup? cgroup, string limitMechanism)
    {
        _process = process;
        Cgroup = cgroup;
        LimitMechanism = limitMechanism;
        _log = log;
        LogPath = logPath;
        StartTimestamp = startTimestamp;
        StartedAt = startedAt;
        _stdout = PumpAsync(process.StandardOutput);
        _stderr = PumpAsync(process.StandardError);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => _metricsUrl.TrySetException(new InvalidOperationException($"The operator exited with {SafeExitCode()} before serving metrics; log: {LogPath}"));
    }

    public int Pid => _process.Id;

    public string LogPath { get; }

    /// <summary><see cref="Stopwatch.GetTimestamp"/> just before the process was started.</summary>
    public long StartTimestamp { get; }

    public DateTimeOffset StartedAt { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The cgroup that limits the process's memory, when it runs under a limit in one.</summary>
    public MemoryCgroup? Cgroup { get; }

    /// <summary>How the memory limit is applied: "cgroup v1", "cgroup v2", "DOTNET_GCHeapHardLimit" or "none".</summary>
    public string LimitMechanism { get; }

    /// <summary>Killed by the kernel's OOM killer (its cgroup counted a kill, or it died of SIGKILL that the harness did not send).</summary>
    public bool OomKilled => (Cgroup?.OomKills() ?? 0) > 0 || (_process.HasExited && !_killedByHarness && _process.ExitCode == 137);

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Log lines at Critical level or unhandled-exception traces seen so far.</summary>
    public int FatalLines => Volatile.Read(ref _fatalLines);

    public static OperatorProcess Start(OperatorLaunch launch)
    {
        ArgumentNullException.ThrowIfNull(launch);
        Directory.CreateDirectory(launch.LogDirectory);
        var cgroup = launch.MemoryLimitBytes is { } limit
            ? MemoryCgroup.TryCreate($"cpaas-bench-{launch.Identity}-{Guid.NewGuid():N}"[..40], limit)
            : null;
        var native = !launch.Executable.EndsWith(".dll", StringComparison.Ordinal);
        var command = native ? new List<string> { launch.Executable } : ["dotnet", launch.Executable];
        command.AddRange(launch.Arguments());
        ProcessStartInfo start;
        if (cgroup is not null)
        {
            // The shell joins the cgroup, then becomes the operator (same pid): every page it touches is charged there.
            start = new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", "echo $$ > \"$0\" && exec \"$@\"", cgroup.ProcsFile } };
        }
        else
        {
            start = new ProcessStartInfo(command[0]);
            command.RemoveAt(0);
        }

        foreach (var arg in command)
        {
            start.ArgumentList.Add(arg);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = false;
        start.UseShellExecute = false;
        start.WorkingDirectory = launch.LogDirectory;

        // Out of cluster, nothing inherited that would change the operator's behaviour.
        foreach (var name in new[] { "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT", "KUBECONFIG", "POD_NAME", "POD_NAMESPACE", "CPAAS_BASE_URL", "CPAAS_CREDENTIALS_DIR" })
        {
            start.Environment.Remove(name);
        }

        // The harness's own runtime knobs are not the operator's (where the runtime is and the CLI's settings stay).
        foreach (var name in start.Environment.Keys.Where(IsRuntimeKnob).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["CPAAS_API_ID"] = launch.ApiId;
        start.Environment["CPAAS_API_KEY"] = launch.ApiKey;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in launch.RuntimeEnvironment)
        {
            start.Environment[name] = value;
        }

        if (launch.GarbageCollector is { } gc)
        {
            start.Environment["DOTNET_gcServer"] = gc == "server" ? "1" : "0";
        }

        var mechanism = "none";
        if (cgroup is not null)
        {
            mechanism = cgroup.Mechanism;
        }
        else if (launch.MemoryLimitBytes is { } fallback)
        {
            // No cgroup here: the runtime's own default in a container is a heap limit of 75% of the memory limit.
            start.Environment["DOTNET_GCHeapHardLimit"] = (fallback * 3 / 4).ToString("x", CultureInfo.InvariantCulture);
            mechanism = "DOTNET_GCHeapHardLimit";
        }

        foreach (var (name, value) in launch.ExtraEnvironment)
        {
            start.Environment[name] = value;
        }

        var logPath = Path.Combine(launch.LogDirectory, string.Create(CultureInfo.InvariantCulture, $"{launch.Identity}-{DateTime.UtcNow:HHmmss.fff}.log"));
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var timestamp = Stopwatch.GetTimestamp();
        var startedAt = DateTimeOffset.UtcNow;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        return new OperatorProcess(process, log, logPath, timestamp, startedAt, cgroup, mechanism);
    }

    private static bool IsRuntimeKnob(string name) =>
        (name.StartsWith("DOTNET_", StringComparison.Ordinal) || name.StartsWith("COMPlus_", StringComparison.Ordinal))
        && !name.StartsWith("DOTNET_ROOT", StringComparison.Ordinal)
        && !name.StartsWith("DOTNET_CLI_", StringComparison.Ordinal)
        && !name.StartsWith("DOTNET_HOST", StringComparison.Ordinal)
        && name != "DOTNET_NOLOGO";

    /// <summary>The metrics endpoint, once the operator logged where it listens.</summary>
    public Task<Uri> MetricsUrlAsync(CancellationToken ct) => _metricsUrl.Task.WaitAsync(ct);

    public async Task<IReadOnlyList<MetricSample>> ScrapeAsync(CancellationToken ct)
    {
        var url = await MetricsUrlAsync(ct);
        var text = await _http.GetStringAsync(new Uri(url, "/metrics"), ct);
        return PrometheusText.Parse(text);
    }

    /// <summary>/readyz of the operator: true on 200.</summary>
    public async Task<bool> IsReadyAsync(CancellationToken ct)
    {
        var url = await MetricsUrlAsync(ct);
        try
        {
            using var response = await _http.GetAsync(new Uri(url, "/readyz"), ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public ProcessMemory? Memory() => _process.HasExited ? null : ProcessMemory.Read(_process.Id);

    /// <summary>SIGKILL: no shutdown code runs, as when a node dies or the OOM killer strikes.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _killedByHarness = true;
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
        await DrainAsync();
    }

    /// <summary>SIGTERM and wait (graceful stop: in-flight reconciles finish, the lease is released); SIGKILL after the timeout.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false });
            if (kill is not null)
            {
                await kill.WaitForExitAsync();
            }

            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                _killedByHarness = true;
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }

        await DrainAsync();
    }

    public IReadOnlyList<string> Tail()
    {
        lock (_gate)
        {
            return [.. _tail];
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _killedByHarness = true;
                _process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }
        }

        await _process.WaitForExitAsync();
        await DrainAsync();
        Cgroup?.Dispose();
        await _log.DisposeAsync();
        _process.Dispose();
        _http.Dispose();
    }

    private async Task DrainAsync()
    {
        try
        {
            await Task.WhenAll(_stdout, _stderr).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // A grandchild holds the pipe; the log is complete enough.
        }
    }

    private int SafeExitCode()
    {
        try
        {
            return _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }

    private async Task PumpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_gate)
            {
                _log.WriteLine(line);
                _tail.Enqueue(line);
                if (_tail.Count > TailLines)
                {
                    _tail.Dequeue();
                }
            }

            if (line.Contains("crit:", StringComparison.Ordinal) || line.Contains("Unhandled exception", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _fatalLines);
            }

            if (!_metricsUrl.Task.IsCompleted && MetricsLine().Match(line) is { Success: true } match)
            {
                _metricsUrl.TrySetResult(new Uri(match.Groups["url"].Value));
            }
        }
    }

    [GeneratedRegex(@"metrics on (?<url>https?://[^\s,]+)")]
    private static partial Regex MetricsLine();
}

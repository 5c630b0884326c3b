using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using Quickstart.Tests.Support;

namespace Quickstart.Tests.TryIt;

/// <summary>
/// The quickstart as a user runs it: `dotnet quickstart.dll ...` from the repository root, in its own process.
/// Output lines are collected as they come; a test waits for a line or for the exit, each with a deadline.
/// </summary>
internal sealed class QuickstartProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly Lock _gate = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];

    private QuickstartProcess(Process process) => _process = process;

    public string StdOut => string.Join('\n', _stdout);

    public string StdErr => string.Join('\n', _stderr);

    public string Transcript => $"stdout:\n{StdOut}\nstderr:\n{StdErr}";

    public int Id => _process.Id;

    /// <summary>tools/Quickstart's own build output (the test project references it, so it is built with the tests).</summary>
    public static string AssemblyPath
    {
        get
        {
            var configuration = typeof(QuickstartProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
            return RepositoryRoot.File("tools", "Quickstart", "bin", configuration, framework, "quickstart.dll");
        }
    }

    public static QuickstartProcess Start(params string[] args)
    {
        Assert.True(File.Exists(AssemblyPath), $"{AssemblyPath} is missing: build tools/Quickstart first");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(AssemblyPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("KUBECONFIG");
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var quickstart = new QuickstartProcess(process);
        process.OutputDataReceived += (_, e) => quickstart.Received(quickstart._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => quickstart.Received(quickstart._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return quickstart;
    }

    /// <summary>Completes with the first stdout line containing <paramref name="text"/> (already printed or still to come).</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var earlier = _stdout.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (earlier is not null)
            {
                return earlier;
            }

            _waiters.Add((l => l.Contains(text, StringComparison.Ordinal), seen));
        }

        var exited = _process.WaitForExitAsync();
        Task first;
        try
        {
            first = await Task.WhenAny(seen.Task, exited).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the quickstart did not print '{text}' within {timeout}\n{Transcript}");
            throw;
        }

        if (first != seen.Task)
        {
            Assert.Fail($"the quickstart exited ({_process.ExitCode}) before printing '{text}'\n{Transcript}");
        }

        return await seen.Task;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the quickstart did not exit within {timeout}\n{Transcript}");
        }

        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as `kill PID` or a container runtime does.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Received(ConcurrentQueue<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            lines.Enqueue(line);
            if (ReferenceEquals(lines, _stdout))
            {
                foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
                {
                    waiter.Seen.TrySetResult(line);
                    _waiters.Remove(waiter);
                }
            }
        }
    }
}

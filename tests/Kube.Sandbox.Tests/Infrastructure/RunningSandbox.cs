using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Kube.Sandbox.Tests.Infrastructure;

/// <summary>
/// `dotnet Kube.Sandbox.dll ...` in its own process, as a person runs it in a terminal. Both output streams are read
/// as they come (a full pipe never blocks the sandbox); a test waits for a line or for the exit, each with a deadline
/// that is a safety net, not a budget. Disposing kills the process if a failed test left it running.
/// </summary>
public sealed class RunningSandbox : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly Lock _gate = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiters = [];

    private RunningSandbox(Process process) => _process = process;

    public IReadOnlyList<string> StdOutLines => [.. _stdout];

    public string Transcript => $"stdout:\n{string.Join('\n', _stdout)}\nstderr:\n{string.Join('\n', _stderr)}";

    public static RunningSandbox Start(string sandboxDll, params string[] args)
    {
        // A shell that starts a job in the background without job control (CI scripts, `cmd &`) sets SIGINT to
        // "ignored", children inherit it, and .NET then never sees SIGINT: Ctrl+C as a terminal delivers it needs the
        // default disposition back, which coreutils' env restores before it runs dotnet (same process id).
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["--default-signal=INT", "dotnet", sandboxDll, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var sandbox = new RunningSandbox(process);
        process.OutputDataReceived += (_, e) => sandbox.Received(sandbox._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => sandbox.Received(sandbox._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sandbox;
    }

    /// <summary>Completes once a stdout line contains <paramref name="text"/>; fails if the process exits first or the deadline passes.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_stdout.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                return;
            }

            _waiters.Add((text, seen));
        }

        Task first;
        try
        {
            first = await Task.WhenAny(seen.Task, _process.WaitForExitAsync()).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the sandbox did not print '{text}' within {timeout}\n{Transcript}");
            throw;
        }

        if (first != seen.Task)
        {
            Assert.Fail($"the sandbox exited ({_process.ExitCode}) before printing '{text}'\n{Transcript}");
        }
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public async Task InterruptAsync()
    {
        using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The exit code, once the process has exited and both output streams are read to their end.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the sandbox did not exit within {timeout}\n{Transcript}");
        }

        return _process.ExitCode;
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
                foreach (var waiter in _waiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
                {
                    waiter.Seen.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Shared.Testing;

/// <summary>
/// A program under test in its own process, as a person runs it in a terminal. Both output streams are read as they
/// come (a full pipe never blocks the program); a test waits for a line or for the exit, each with a deadline that is
/// a safety net, not a budget. Disposing kills the process tree if a failed test left it running. Linked into every
/// test project that starts a process (one copy: tests/Shared).
/// </summary>
public sealed class WatchedProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _name;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly Lock _gate = new();
    private readonly List<(string Text, TaskCompletionSource<string> Seen)> _waiters = [];

    private WatchedProcess(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    public IReadOnlyList<string> StdOutLines => [.. _stdout];

    public string StdOut => string.Join('\n', _stdout);

    public string StdErr => string.Join('\n', _stderr);

    public string Transcript => $"stdout:\n{StdOut}\nstderr:\n{StdErr}";

    public int Id => _process.Id;

    /// <summary>Starts <paramref name="start"/> (its output is redirected here); <paramref name="name"/> names it in failures.</summary>
    public static WatchedProcess Start(ProcessStartInfo start, string name)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var watched = new WatchedProcess(process, name);
        process.OutputDataReceived += (_, e) => watched.Received(watched._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => watched.Received(watched._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return watched;
    }

    /// <summary>
    /// A start that restores SIGINT's default disposition first: a shell that starts a job in the background without
    /// job control (CI scripts, `cmd &amp;`) sets SIGINT to "ignored", children inherit it, and .NET then never sees
    /// Ctrl+C. coreutils' env restores it before it runs the program (same process id).
    /// </summary>
    public static ProcessStartInfo WithDefaultSigint(string fileName, params IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("env");
        foreach (var argument in (string[])["--default-signal=INT", fileName, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>Completes with the first stdout line containing <paramref name="text"/> (already printed or still to come); fails if the process exits first or the deadline passes.</summary>
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

            _waiters.Add((text, seen));
        }

        Task first;
        try
        {
            first = await Task.WhenAny(seen.Task, _process.WaitForExitAsync()).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{_name} did not print '{text}' within {timeout}\n{Transcript}");
            throw;
        }

        if (first != seen.Task)
        {
            Assert.Fail($"{_name} exited ({_process.ExitCode}) before printing '{text}'\n{Transcript}");
        }

        return await seen.Task;
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
            Assert.Fail($"{_name} did not exit within {timeout}\n{Transcript}");
        }

        return _process.ExitCode;
    }

    /// <summary>Sends a signal with kill(1): "INT" as Ctrl+C in a terminal, "TERM" as `kill PID` or a container runtime.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)]);
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
            if (!ReferenceEquals(lines, _stdout))
            {
                return;
            }

            foreach (var waiter in _waiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                waiter.Seen.TrySetResult(line);
                _waiters.Remove(waiter);
            }
        }
    }
}

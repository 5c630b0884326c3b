using System.Diagnostics;

namespace Quickstart.Tests.Image;

/// <summary>What a finished command printed, and how it ended.</summary>
internal sealed record ToolResult(string Command, int ExitCode, string StdOut, string StdErr)
{
    public string Log => StdOut + StdErr;

    public ToolResult EnsureSuccess()
    {
        Assert.True(ExitCode == 0, $"'{Command}' exited {ExitCode}:\n{StdOut}\n{StdErr}");
        return this;
    }
}

/// <summary>
/// Runs a command to its end (a publish, chown, dpkg-query, the install render script), with a safety-net deadline
/// after which it is killed. For programs that keep running, see Shared.Testing.WatchedProcess.
/// </summary>
internal static class ToolProcess
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    public static async Task<ToolResult> RunAsync(string fileName, IReadOnlyList<string> args, string? workingDirectory = null, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var command = $"{fileName} {string.Join(' ', args)}";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? DefaultTimeout;
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{command}' did not finish within {limit}");
        }

        return new ToolResult(command, process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Whether <paramref name="name"/> is an executable file in a directory of PATH.</summary>
    public static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name))
            .Any(f => File.Exists(f) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(f) & UnixFileMode.UserExecute) != 0));

    /// <summary>chmod, for the files these Linux-only tests lay out.</summary>
    public static void SetMode(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the image tests lay out a Linux root filesystem");
        }

        File.SetUnixFileMode(path, mode);
    }
}

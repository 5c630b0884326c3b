using System.Diagnostics;
using System.Globalization;
using Shared.Testing;

namespace Quickstart.Tests.Image;

/// <summary>
/// The operator's executable run the way a container runtime runs the image, without one: bubblewrap mounts the
/// minimal root filesystem read-only as /, a fresh /proc and /dev, a tmpfs on /tmp (the Deployment's emptyDir) and the
/// mounted Secrets read-only, in new namespaces except the network (the sandboxes listen on this machine's loopback);
/// setpriv makes it uid/gid 10001 (so no capabilities) with no_new_privs (allowPrivilegeEscalation: false) before
/// bubblewrap starts, so it is that user outside the sandbox too. The executable is the sandbox's PID 1, as an ENTRYPOINT is, and gets SIGTERM to stop, as the kubelet
/// sends it. The environment is only what the image and the pod give it.
/// </summary>
internal sealed class SandboxedOperator : IDisposable
{
    private readonly WatchedProcess _bubblewrap;

    private SandboxedOperator(WatchedProcess bubblewrap) => _bubblewrap = bubblewrap;

    public string Transcript => _bubblewrap.Transcript;

    /// <param name="mounts">Read-only bind mounts: directory on this machine to the path in the container.</param>
    public static SandboxedOperator Start(string rootFilesystem, int uid, int gid, IReadOnlyDictionary<string, string> mounts, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo("setpriv");
        string[] command =
        [
            $"--reuid={uid}", $"--regid={gid}", "--clear-groups", "--no-new-privs",
            "bwrap", "--unshare-all", "--share-net", "--die-with-parent", "--new-session", "--as-pid-1", "--clearenv",
            "--ro-bind", rootFilesystem, "/",
            "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
            .. mounts.SelectMany(m => new[] { "--ro-bind", m.Key, m.Value }),
            .. environment.SelectMany(e => new[] { "--setenv", e.Key, e.Value }),
            "--chdir", "/app",
            MinimalRootFilesystem.ExecutablePath,
            .. args,
        ];
        foreach (var argument in command)
        {
            start.ArgumentList.Add(argument);
        }

        return new SandboxedOperator(WatchedProcess.Start(start, "the operator in bubblewrap"));
    }

    /// <summary>The operator's process id on this machine (bubblewrap's child; inside the sandbox it is 1).</summary>
    public int OperatorProcessId()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) == _bubblewrap.Id)
            {
                return pid;
            }
        }

        throw new InvalidOperationException($"bubblewrap ({_bubblewrap.Id}) has no child process\n{Transcript}");
    }

    /// <summary>SIGTERM to the operator, as the kubelet stops a container; its exit code (bubblewrap passes it on).</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        (await ToolProcess.RunAsync("kill", ["-TERM", OperatorProcessId().ToString(CultureInfo.InvariantCulture)])).EnsureSuccess();
        return await _bubblewrap.WaitForExitAsync(timeout);
    }

    public void Dispose() => _bubblewrap.Dispose();

    private static int? ParentOf(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null; // gone meanwhile
        }
    }
}

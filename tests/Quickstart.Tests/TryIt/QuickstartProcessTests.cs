using System.Net;
using System.Net.Sockets;
using Quickstart.Tests.Support;

namespace Quickstart.Tests.TryIt;

/// <summary>The "try it" command as a new user runs it, in its own process, with ephemeral ports and its own state directory.</summary>
[Collection(SeparateProcesses.Name)]
public sealed class QuickstartProcessTests : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);
    private readonly TempDirectory _state = new("quickstart");

    [Fact]
    public async Task Exit_when_ready_reaches_every_sample_Ready_prints_the_table_and_masked_Secrets_and_exits_0()
    {
        using var quickstart = QuickstartProcess.Start("--exit-when-ready", "--kube-port", "0", "--cpaas-port", "0", "--state-dir", _state.Path);

        var exitCode = await quickstart.WaitForExitAsync(RunTimeout);

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{quickstart.Transcript}");
        var stdout = quickstart.StdOut;
        Assert.Contains("every sample Ready: 5 of 5", stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+NAMESPACE\s+NAME\s+APP ID\s+READY\s+REASON\s+AGE$", stdout);
        Assert.Matches(@"(?m)^\s+default\s+video-demo\s+[0-9a-f]{24}\s+True\s", stdout);
        Assert.Matches(@"(?m)^\s+app_key\s+\*{8} \(\d+ bytes\)$", stdout);
        Assert.Matches(@"(?m)^\s+host_meeting_url\s+\*{8} \(\d+ bytes\)$", stdout);
        Assert.Contains("Stopped.", stdout, StringComparison.Ordinal);
        Assert.Empty(quickstart.StdErr.Trim());

        // The operator logged to its file, not to the terminal; and no key appears on the terminal.
        var log = await File.ReadAllTextAsync(Path.Combine(_state.Path, "operator.log"));
        Assert.Contains("cpaas-operator quickstart starting", log, StringComparison.Ordinal);
        Assert.DoesNotContain("cpaas-operator quickstart starting", stdout, StringComparison.Ordinal);
        var key = await File.ReadAllTextAsync(Path.Combine(_state.Path, "operator", "credentials", "api_key"));
        Assert.DoesNotContain(key, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_until_SIGTERM_printing_the_kubeconfig_and_commands_then_stops_cleanly_with_exit_0()
    {
        using var quickstart = QuickstartProcess.Start("--kube-port", "0", "--cpaas-port", "0", "--state-dir", _state.Path);

        await quickstart.WaitForLineAsync("Press Ctrl+C to stop everything.", RunTimeout);
        var kubeconfig = Path.Combine(_state.Path, "kube", "kubeconfig");
        Assert.Contains($"export KUBECONFIG={kubeconfig}", quickstart.StdOut, StringComparison.Ordinal);
        Assert.Contains("kubectl describe cpaasproject embed-demo", quickstart.StdOut, StringComparison.Ordinal);

        // While it runs, the printed kubeconfig works with kubectl.
        var kubectl = new Quickstart.Kubectl.KubectlRunner(kubeconfig, _state.Sub("test-kubectl-cache"), RepositoryRoot.Path);
        var table = (await kubectl.RunAsync(["get", "cpaasprojects", "-A", "--no-headers"], CancellationToken.None)).EnsureSuccess();
        Assert.Equal(5, table.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        await quickstart.SignalAsync("TERM");
        var exitCode = await quickstart.WaitForExitAsync(RunTimeout);

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{quickstart.Transcript}");
        Assert.EndsWith("Stopped.", quickstart.StdOut.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("Stopping: the operator finishes in-flight work", quickstart.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--kube-port", "Kubernetes API sandbox")]
    [InlineData("--cpaas-port", "CPaaS API sandbox")]
    public async Task A_busy_port_fails_at_once_with_a_message_naming_the_port_and_the_flag(string flag, string what)
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] ports = flag == "--kube-port" ? ["--kube-port", port, "--cpaas-port", "0"] : ["--kube-port", "0", "--cpaas-port", port];
        using var quickstart = QuickstartProcess.Start([.. ports, "--exit-when-ready", "--state-dir", _state.Path]);

        var exitCode = await quickstart.WaitForExitAsync(RunTimeout);

        Assert.Equal(3, exitCode);
        Assert.Contains($"port {port} on 127.0.0.1 is already in use", quickstart.StdErr, StringComparison.Ordinal);
        Assert.Contains(what, quickstart.StdErr, StringComparison.Ordinal);
        Assert.Contains(flag, quickstart.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", quickstart.StdErr, StringComparison.Ordinal); // a message, not a stack trace
    }

    [Fact]
    public async Task A_second_quickstart_on_the_same_state_directory_refuses_to_start_and_leaves_it_alone()
    {
        var credentials = Path.Combine(_state.Path, "operator", "credentials");
        Directory.CreateDirectory(credentials);
        await File.WriteAllTextAsync(Path.Combine(credentials, "api_id"), "first-run");

        // What a running quickstart holds for its whole life.
        using (new FileStream(Path.Combine(_state.Path, "quickstart.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            using var second = QuickstartProcess.Start("--kube-port", "0", "--cpaas-port", "0", "--state-dir", _state.Path);

            var exitCode = await second.WaitForExitAsync(RunTimeout);

            Assert.Equal(1, exitCode);
            Assert.Contains($"another quickstart is running with the state directory {_state.Path}", second.StdErr, StringComparison.Ordinal);
        }

        Assert.Equal("first-run", await File.ReadAllTextAsync(Path.Combine(credentials, "api_id")));
    }

    [Fact]
    public async Task An_unknown_argument_prints_the_usage_and_exits_2()
    {
        using var quickstart = QuickstartProcess.Start("--frobnicate");

        var exitCode = await quickstart.WaitForExitAsync(RunTimeout);

        Assert.Equal(2, exitCode);
        Assert.Contains("unknown argument '--frobnicate'", quickstart.StdErr, StringComparison.Ordinal);
        Assert.Contains("--exit-when-ready", quickstart.StdErr, StringComparison.Ordinal);
    }

    public void Dispose() => _state.Dispose();
}

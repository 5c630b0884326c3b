using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Kube.Sandbox.Tests.Infrastructure;

namespace Kube.Sandbox.Tests;

/// <summary>The command-line entry point, run as a person would run it (the built Kube.Sandbox.dll).</summary>
public sealed class CommandLineTests : IDisposable
{
    // Safety nets only (each phase waits on a condition): a dotnet process start or stop on a loaded two-core machine
    // running every test project at once has taken tens of seconds.
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromMinutes(3);

    private readonly TempDirectory _directory = new();

    private static string SandboxDll => Path.Combine(AppContext.BaseDirectory, "Kube.Sandbox.dll");

    private Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(SandboxDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    [Fact]
    public async Task Busy_port_fails_with_a_clear_message_and_exit_code_1()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        using var process = Start("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--state-dir", Path.Combine(_directory.Path, "state"));
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(PhaseTimeout);
        await process.WaitForExitAsync(cts.Token);

        Assert.Equal(1, process.ExitCode);
        var message = await stderr;
        Assert.Contains($"cannot listen on 127.0.0.1:{port}: the port is already in use", message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starts_prints_url_and_kubeconfig_serves_kubectl_and_stops_cleanly_on_SIGINT()
    {
        var state = Path.Combine(_directory.Path, "state");
        using var sandbox = RunningSandbox.Start(SandboxDll, "--port", "0", "--state-dir", state, "--user", "alice=dev,qa");
        await sandbox.WaitForLineAsync("Press Ctrl+C to stop.", PhaseTimeout);

        var lines = sandbox.StdOutLines;
        Assert.Matches(@"^Kubernetes API sandbox listening on https://127\.0\.0\.1:\d+/?$", lines[0]);
        var kubeconfig = Path.Combine(Path.GetFullPath(state), "kubeconfig");
        Assert.Contains($"export KUBECONFIG={kubeconfig}", lines);

        var kubectl = new Infrastructure.Kubectl(kubeconfig, _directory.Path);
        var namespaces = (await kubectl.RunAsync("get", "namespaces", "-o", "name")).EnsureSuccess();
        Assert.Contains("namespace/default", namespaces.StdOut, StringComparison.Ordinal);
        Assert.Contains("namespace/kube-system", namespaces.StdOut, StringComparison.Ordinal);

        var aliceConfig = Path.Combine(Path.GetFullPath(state), "kubeconfig-alice");
        Assert.Contains($"Kubeconfig for alice (groups dev, qa): {aliceConfig}", lines);
        var alice = new Infrastructure.Kubectl(aliceConfig, Path.Combine(_directory.Path, "alice"));
        var denied = await alice.RunAsync("get", "secrets");
        Assert.Contains("User \"alice\" cannot list resource \"secrets\"", denied.StdErr, StringComparison.Ordinal);

        await sandbox.SignalAsync("INT");
        var exitCode = await sandbox.WaitForExitAsync(PhaseTimeout);

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{sandbox.Transcript}");
        Assert.Equal("Stopping.", sandbox.StdOutLines[^1]);
    }

    public void Dispose() => _directory.Dispose();
}

using System.Diagnostics;

namespace Cpaas.Reliability.Tests.Support;

/// <summary>What one kubectl run printed.</summary>
public sealed record KubectlResult(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}; stdout: {StdOut.Trim()}; stderr: {StdErr.Trim()}";
}

/// <summary>
/// The real kubectl on the PATH, against a sandbox: explicit kubeconfig and cache directory, HOME in a temporary
/// directory (the user's ~/.kube is never read), and a timeout that kills it.
/// </summary>
public sealed class Kubectl(string kubeconfig, string workDirectory)
{
    private readonly string _home = Directory.CreateDirectory(Path.Combine(workDirectory, "kubectl-home")).FullName;

    public async Task<KubectlResult> RunAsync(TimeSpan timeout, CancellationToken ct, params string[] args)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(_home, "cache") }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = _home;
        start.Environment.Remove("KUBECONFIG");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish within {timeout}");
        }

        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }
}

using System.ComponentModel;
using System.Diagnostics;
using Quickstart.CommandLine;

namespace Quickstart.Kubectl;

/// <summary>
/// Runs the real kubectl on the PATH against the sandbox: an explicit --kubeconfig and a private --cache-dir, so the
/// user's ~/.kube is never read or written; KUBECONFIG from the environment is ignored.
/// </summary>
internal sealed class KubectlRunner
{
    // A safety net against a hung kubectl, longer than any `kubectl wait --timeout` the callers pass.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    private readonly string _kubeconfig;
    private readonly string _cacheDirectory;
    private readonly string _workingDirectory;

    public KubectlRunner(string kubeconfig, string cacheDirectory, string workingDirectory)
    {
        _kubeconfig = kubeconfig;
        _cacheDirectory = cacheDirectory;
        _workingDirectory = workingDirectory;
    }

    /// <summary>Fails with a clear message when kubectl is not on the PATH.</summary>
    public static async Task<string> ClientVersionAsync(string workingDirectory, CancellationToken ct)
    {
        var result = await StartAsync(["version", "--client"], null, workingDirectory, ct);
        if (!result.Succeeded)
        {
            throw new QuickstartFailure($"'kubectl version --client' failed: {result.StdErr.Trim()}");
        }

        return result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "kubectl";
    }

    public Task<KubectlResult> RunAsync(IReadOnlyList<string> args, CancellationToken ct) => RunAsync(args, null, ct);

    public Task<KubectlResult> RunAsync(IReadOnlyList<string> args, string? stdin, CancellationToken ct) =>
        StartAsync(["--kubeconfig", _kubeconfig, "--cache-dir", _cacheDirectory, .. args], stdin, _workingDirectory, ct);

    /// <summary>Runs kubectl and turns a non-zero exit into a failure that shows the command and kubectl's message.</summary>
    public async Task<KubectlResult> RunCheckedAsync(IReadOnlyList<string> args, CancellationToken ct, string? stdin = null)
    {
        var result = await RunAsync(args, stdin, ct);
        return result.Succeeded
            ? result
            : throw new QuickstartFailure($"'kubectl {string.Join(' ', args)}' exited {result.ExitCode}: {result.StdErr.Trim()}");
    }

    private static async Task<KubectlResult> StartAsync(IReadOnlyList<string> args, string? stdin, string workingDirectory, CancellationToken ct)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("KUBECONFIG");

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new QuickstartFailure("kubectl did not start");
        }
        catch (Win32Exception)
        {
            throw new QuickstartFailure("kubectl was not found on the PATH. Install kubectl (v1.32 or close to it) and run the quickstart again.");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin.AsMemory(), ct);
                process.StandardInput.Close();
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                ct.ThrowIfCancellationRequested();
                throw new QuickstartFailure($"'kubectl {string.Join(' ', args)}' did not finish within {Timeout.TotalSeconds:0} s");
            }

            return new KubectlResult(args, process.ExitCode, await stdout, await stderr);
        }
    }
}

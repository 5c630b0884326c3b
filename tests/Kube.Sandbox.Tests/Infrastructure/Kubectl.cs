using System.Diagnostics;
using System.Text;

namespace Kube.Sandbox.Tests.Infrastructure;

/// <summary>What one kubectl run produced.</summary>
public sealed record KubectlResult(int ExitCode, string StdOut, string StdErr)
{
    public KubectlResult EnsureSuccess() =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"kubectl exited {ExitCode}\nstdout:\n{StdOut}\nstderr:\n{StdErr}");

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StdOut}\nstderr:\n{StdErr}";
}

/// <summary>
/// Runs the real kubectl on the PATH against a sandbox: explicit --kubeconfig and --cache-dir, HOME pointed at
/// a temporary directory (the user's ~/.kube is never read or written), and a timeout that kills the process.
/// </summary>
public sealed class Kubectl
{
    private readonly string _kubeconfig;
    private readonly string _home;

    public Kubectl(string kubeconfig, string workDirectory)
    {
        _kubeconfig = kubeconfig;
        _home = Path.Combine(workDirectory, "home");
        Directory.CreateDirectory(_home);
    }

    public string CacheDirectory => Path.Combine(_home, "kube-cache");

    public Task<KubectlResult> RunAsync(params string[] args) => RunAsync(null, TimeSpan.FromSeconds(60), args);

    public Task<KubectlResult> RunWithInputAsync(string stdin, params string[] args) => RunAsync(stdin, TimeSpan.FromSeconds(60), args);

    public async Task<KubectlResult> RunAsync(string? stdin, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(_kubeconfig);
        start.ArgumentList.Add("--cache-dir");
        start.ArgumentList.Add(CacheDirectory);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = _home;
        start.Environment.Remove("KUBECONFIG");
        start.Environment["KUBECACHEDIR"] = CacheDirectory;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish within {timeout}");
        }

        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Writes manifests to a file under the work directory and returns its path.</summary>
    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(_home, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }
}

using System.Diagnostics;
using System.Text;

namespace Quickstart.Tests.TryIt;

/// <summary>The operator's own entry point run as a container runtime runs it: `dotnet cpaas-operator.dll FLAGS`.</summary>
public sealed class OperatorCommandLineTests
{
    // A safety net only: the process exits as soon as it has read its arguments.
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromMinutes(3);

    private static string OperatorAssemblyPath => Path.Combine(AppContext.BaseDirectory, "cpaas-operator.dll");

    [Theory]
    [InlineData(new[] { "--resync-intervall", "1m" }, "error: unknown flag --resync-intervall (did you mean --resync-interval?)")]
    [InlineData(new[] { "--workers=2", "--log-levle=Debug" }, "error: unknown flag --log-levle (did you mean --log-level?)")]
    [InlineData(new[] { "--workers", "2", "run" }, "error: unexpected argument 'run' (flags are written --flag value or --flag=value; see --help)")]
    public async Task An_unknown_flag_or_stray_argument_stops_the_operator_with_one_line_and_exit_code_2(string[] args, string expected)
    {
        // Pointed at nothing: had it started anything, it would fail later and differently.
        var (exitCode, stdout, stderr) = await RunAsync([.. args, "--kubeconfig", "/nonexistent/kubeconfig", "--cpaas-base-url", "http://127.0.0.1:9/"]);

        Assert.True(exitCode == 2, $"exit code {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Equal(expected, stderr.TrimEnd());
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task A_bad_value_of_a_known_flag_still_names_the_flag_and_exits_2()
    {
        var (exitCode, _, stderr) = await RunAsync(["--resync-interval", "soon", "--kubeconfig", "/nonexistent/kubeconfig"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("--resync-interval must be a duration", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(string[] args)
    {
        Assert.True(File.Exists(OperatorAssemblyPath), $"{OperatorAssemblyPath} is missing");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(OperatorAssemblyPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var inherited in new[] { "KUBECONFIG", "KUBERNETES_SERVICE_HOST", "CPAAS_API_ID", "CPAAS_API_KEY" })
        {
            start.Environment.Remove(inherited);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(ExitTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"cpaas-operator {string.Join(' ', args)} did not exit within {ExitTimeout}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}

using System.Diagnostics;

namespace Cpaas.Operator.Tests.Support;

/// <summary>Runs the real promtool (Debian package prometheus; .ci/run installs it) and returns its exit code and output.</summary>
internal static class Promtool
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("promtool", args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("promtool is not on the PATH: `apt-get install prometheus` (Debian) provides it; .ci/run installs it.");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(deadline.Token);
            return (process.ExitCode, await stdout + await stderr);
        }
    }
}

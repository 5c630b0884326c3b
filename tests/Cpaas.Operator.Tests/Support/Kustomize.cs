using System.Diagnostics;

namespace Cpaas.Operator.Tests.Support;

/// <summary>Runs <c>kubectl kustomize DIR</c> (offline) and returns the rendered YAML.</summary>
internal static class Kustomize
{
    /// <summary>For static initializers (sample fixtures shared by many tests); tests themselves use <see cref="BuildAsync"/>.</summary>
    public static string Build(string directory) => Task.Run(() => BuildAsync(directory)).GetAwaiter().GetResult();

    public static async Task<string> BuildAsync(string directory)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("kubectl could not be started; it must be on the PATH.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl kustomize {directory} failed: {await error}");
        }

        return await output;
    }
}

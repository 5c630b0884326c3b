using System.Diagnostics;
using System.Reflection;

namespace Cpaas.Benchmark.Harness.Operator;

/// <summary>
/// Which operator build runs: by default the operator published as the Dockerfile publishes it (its restore and
/// publish commands, /app replaced by artifacts/bench-operator), so ReadyToRun, trimming or any other publish setting
/// is measured as it ships; "build" is the project reference's build output (bin/Release); a path names a
/// published directory's .dll (run with dotnet) or a native executable (Native AOT). CPAAS_OPERATOR_DLL overrides.
/// </summary>
public static class OperatorBinary
{
    public const string OverrideVariable = "CPAAS_OPERATOR_DLL";
    public const string Published = "published";
    public const string Build = "build";
    private const string AssemblyFile = "cpaas-operator.dll";

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    /// <summary>The path to run, publishing first when <paramref name="choice"/> is <see cref="Published"/>.</summary>
    public static async Task<string> ResolveAsync(string choice, ShippedRuntime shipped, Action<string> progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(shipped);
        ArgumentNullException.ThrowIfNull(progress);
        var overridden = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return Existing(Path.GetFullPath(overridden));
        }

        switch (choice)
        {
            case Build:
                return BuildOutputPath();
            case Published:
                var output = Path.Combine(RepositoryRoot, "artifacts", "bench-operator");
                progress($"publishing the operator as the Dockerfile does, into {output}");
                await DotnetAsync(shipped.RestoreArguments, output, ct);
                await DotnetAsync(shipped.PublishArguments, output, ct);
                var native = Path.Combine(output, Path.GetFileNameWithoutExtension(AssemblyFile));
                var dll = Path.Combine(output, AssemblyFile);
                // Native AOT publishes an executable and no assembly.
                return File.Exists(dll) ? dll : Existing(native);
            default:
                return Existing(Path.GetFullPath(choice));
        }
    }

    /// <summary>The operator the project reference built (CPAAS_OPERATOR_DLL overrides).</summary>
    public static string BuildOutputPath()
    {
        var overridden = Environment.GetEnvironmentVariable(OverrideVariable);
        return Existing(string.IsNullOrWhiteSpace(overridden)
            ? Path.Combine(Metadata("OperatorOutputDirectory"), AssemblyFile)
            : Path.GetFullPath(overridden));
    }

    private static async Task DotnetAsync(IReadOnlyList<string> arguments, string appDirectory, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument == ShippedRuntime.ImageAppDirectory ? appDirectory : argument);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}:\n{await stdout}{await stderr}");
        }
    }

    private static string Existing(string path) =>
        File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The operator is not at {path}; build the benchmark (it builds the operator), publish it, or set {OverrideVariable}", path);

    private static string Metadata(string key) =>
        typeof(OperatorBinary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The harness was built without {key}");
}

using System.Diagnostics;
using Quickstart.Tests.Support;
using Xunit.Abstractions;

namespace Quickstart.Tests.Image;

/// <summary>
/// The build stage of the Dockerfile, run here without Docker: its COPY instructions rebuild the build context in a
/// temporary directory (so a file the build needs but the Dockerfile does not copy fails this test), then each of its
/// `dotnet` RUN commands runs there, with /app mapped to a temporary output directory.
/// </summary>
[Collection(SeparateProcesses.Name)]
public sealed class PublishTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);
    private readonly TempDirectory _directory = new("publish");
    private readonly ITestOutputHelper _output;

    public PublishTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task The_Dockerfile_build_stage_restores_and_publishes_the_operator()
    {
        var dockerfile = DockerfileInstructions.Parse(await File.ReadAllTextAsync(RepositoryRoot.File("Dockerfile")));
        var context = new DockerBuildContext(RepositoryRoot.Path, await File.ReadAllTextAsync(RepositoryRoot.File(".dockerignore")));
        var source = _directory.Sub("src");
        var app = _directory.Sub("app");
        var buildStage = dockerfile.All.Where(i => i.Stage == 0).ToList();
        Assert.Equal("/src", buildStage.Single(i => i.Keyword == "WORKDIR").Arguments);

        var commands = 0;
        foreach (var instruction in buildStage)
        {
            if (instruction.Keyword == "COPY")
            {
                context.Copy(instruction.Arguments, source);
            }
            else if (instruction.Keyword == "RUN")
            {
                Assert.StartsWith("dotnet ", instruction.Arguments, StringComparison.Ordinal);
                var args = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(a => a == "/app" ? app : a).ToList();
                var (exitCode, log) = await DotnetAsync(args, source);
                _output.WriteLine(log);
                Assert.True(exitCode == 0, $"'{instruction.Arguments}' exited {exitCode}:\n{log}");
                commands++;
            }
        }

        Assert.Equal(2, commands); // restore, then publish --no-restore

        // What the runtime stage copies to /app and ENTRYPOINT runs: a native executable, no assembly, no runtime config.
        var entryPoint = dockerfile.EntryPoint();
        var executable = Path.Combine(app, Path.GetFileName(entryPoint[0]));
        Assert.True(File.Exists(executable), $"{entryPoint[0]} is not in the publish output: {string.Join(", ", Directory.EnumerateFiles(app).Select(Path.GetFileName))}");
        Assert.False(File.Exists(executable + ".dll"), "Native AOT: no IL assembly to run");
        var header = new byte[4];
        await using (var file = File.OpenRead(executable))
        {
            await file.ReadExactlyAsync(header);
        }

        Assert.Equal("\u007fELF"u8.ToArray(), header);

        // It starts without a .NET runtime beside it: --help needs no cluster.
        var (helpExit, help) = await RunAsync(executable, ["--help"], app);
        Assert.True(helpExit == 0, $"{entryPoint[0]} --help exited {helpExit}:\n{help}");
        Assert.Contains("generate-crds", help, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Log)> DotnetAsync(IReadOnlyList<string> args, string workingDirectory) =>
        RunAsync("dotnet", args, workingDirectory);

    private static async Task<(int ExitCode, string Log)> RunAsync(string fileName, IReadOnlyList<string> args, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // No build servers left behind by a test; no first-run banner.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within {CommandTimeout}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose() => _directory.Dispose();
}

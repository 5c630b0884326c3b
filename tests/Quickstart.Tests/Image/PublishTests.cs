using Quickstart.Tests.Support;

namespace Quickstart.Tests.Image;

/// <summary>
/// The build stage of the Dockerfile, replayed without Docker for this machine's architecture
/// (<see cref="DockerfileBuild"/>; the publish is shared with the other image tests).
/// </summary>
[Collection(SeparateProcesses.Name)]
public sealed class PublishTests
{
    [Fact]
    public void The_build_stage_runs_restore_and_publish_for_TARGETARCH_and_installs_only_a_cross_toolchain()
    {
        var runs = DockerfileBuild.BuildStage.Where(i => i.Keyword == "RUN").Select(i => i.Arguments).ToList();
        var dotnet = runs.Where(r => r.StartsWith("dotnet ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, dotnet.Count); // restore, then publish --no-restore
        Assert.All(dotnet, r => Assert.Contains("-a $TARGETARCH", r, StringComparison.Ordinal));

        // The other RUN installs the target's toolchain, and only when cross-compiling.
        var other = Assert.Single(runs.Except(dotnet));
        Assert.StartsWith("if [ \"$TARGETARCH\" != \"$BUILDARCH\" ]", other, StringComparison.Ordinal);
        Assert.Equal(["gcc-aarch64-linux-gnu", "libc6-dev-arm64-cross"], DockerfileBuild.CrossToolchainPackages(TargetArchitecture.Arm64));

        // The build stage runs on the builder's platform; the runtime stage is pulled for each target.
        var from = DockerfileBuild.Dockerfile.Of("FROM", 0).Single().Arguments;
        Assert.StartsWith("--platform=$BUILDPLATFORM ", from, StringComparison.Ordinal);
        Assert.DoesNotContain("--platform", DockerfileBuild.Dockerfile.Of("FROM", DockerfileBuild.Dockerfile.FinalStage).Single().Arguments, StringComparison.Ordinal);
        Assert.Equal(["TARGETARCH", "BUILDARCH"], DockerfileBuild.Dockerfile.Of("ARG", 0).Select(a => a.Arguments));
    }

    [Fact]
    public async Task The_Dockerfile_build_stage_restores_and_publishes_the_operator()
    {
        var published = await DockerfileBuild.PublishAsync(TargetArchitecture.Host);

        // What the runtime stage copies to /app and ENTRYPOINT runs: a native executable, no assembly, no runtime config.
        var entryPoint = DockerfileBuild.Dockerfile.EntryPoint();
        Assert.True(File.Exists(published.Executable), $"{entryPoint[0]} is not in the publish output: {string.Join(", ", Directory.EnumerateFiles(published.App).Select(Path.GetFileName))}");
        Assert.False(File.Exists(published.Executable + ".dll"), "Native AOT: no IL assembly to run");
        Assert.Equal(TargetArchitecture.Host.Machine, ElfFile.Read(published.Executable).Machine);

        // It starts without a .NET runtime beside it: --help needs no cluster.
        var help = await ToolProcess.RunAsync(published.Executable, ["--help"], published.App);
        Assert.True(help.ExitCode == 0, $"{entryPoint[0]} --help exited {help.ExitCode}:\n{help.Log}");
        Assert.Contains("generate-crds", help.Log, StringComparison.Ordinal);
    }
}

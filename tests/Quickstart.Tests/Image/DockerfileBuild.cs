using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Quickstart.Tests.Support;

namespace Quickstart.Tests.Image;

/// <summary>What the build stage left in /app for one target architecture, and what its commands printed.</summary>
internal sealed record PublishedImage(TargetArchitecture Architecture, string App, string Executable, string Log);

/// <summary>
/// The build stage of the Dockerfile, run here without Docker, once per target architecture and test run: every
/// test that needs the executable awaits the same publish (a Native AOT publish costs minutes of CPU). Its COPY
/// instructions rebuild the build context in a temporary directory with .dockerignore applied (so a file the build
/// needs but the Dockerfile does not copy fails it), then its `dotnet` RUN commands run there with $TARGETARCH set and
/// /app mapped to a temporary output directory. The one other RUN, the cross toolchain's apt-get, is not run: the
/// packages it names for the target must already be installed here (.ci/run installs them), else the publish is
/// reported as impossible on this machine.
/// </summary>
internal static class DockerfileBuild
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(20); // a safety net: a loaded 2-core machine takes minutes
    private static readonly ConcurrentDictionary<string, Lazy<Task<PublishedImage>>> Builds = new(StringComparer.Ordinal);
    private static readonly Lazy<TempDirectory> Scratch = new(CreateDirectory);

    public static DockerfileInstructions Dockerfile { get; } = DockerfileInstructions.Parse(File.ReadAllText(RepositoryRoot.File("Dockerfile")));

    public static IReadOnlyList<DockerfileInstruction> BuildStage => Dockerfile.All.Where(i => i.Stage == 0).ToList();

    /// <summary>The publish for <paramref name="architecture"/>, started by the first caller.</summary>
    public static Task<PublishedImage> PublishAsync(TargetArchitecture architecture) =>
        Builds.GetOrAdd(architecture.DockerName, _ => new Lazy<Task<PublishedImage>>(() => ReplayAsync(architecture))).Value;

    /// <summary>The Debian/Ubuntu packages the build stage installs to cross-compile for <paramref name="architecture"/> (none for the host's own).</summary>
    public static IReadOnlyList<string> CrossToolchainPackages(TargetArchitecture architecture)
    {
        if (architecture == TargetArchitecture.Host)
        {
            return [];
        }

        var toolchain = BuildStage.Single(i => i.Keyword == "RUN" && i.Arguments.Contains("apt-get install", StringComparison.Ordinal));
        var match = Regex.Match(toolchain.Arguments, $@"\b{architecture.DockerName}\) packages=""([^""]+)""");
        Assert.True(match.Success, $"the build stage installs no cross toolchain for {architecture.DockerName}:\n{toolchain.Arguments}");
        return match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static async Task<PublishedImage> ReplayAsync(TargetArchitecture architecture)
    {
        var missing = DebianPackages.NotInstalled(CrossToolchainPackages(architecture));
        Assert.True(missing.Count == 0, $"cross-compiling for {architecture.DockerName} needs the packages the Dockerfile installs: {string.Join(' ', missing)} (.ci/run installs them)");

        var root = Scratch.Value.Sub(architecture.DockerName);
        var context = new DockerBuildContext(RepositoryRoot.Path, await File.ReadAllTextAsync(RepositoryRoot.File(".dockerignore")));
        var source = Path.Combine(root, "src");
        var app = Path.Combine(root, "app");
        Assert.Equal("/src", BuildStage.Single(i => i.Keyword == "WORKDIR").Arguments);
        var log = new System.Text.StringBuilder();
        foreach (var instruction in BuildStage)
        {
            if (instruction.Keyword == "COPY")
            {
                context.Copy(instruction.Arguments, source);
            }
            else if (instruction.Keyword == "RUN" && instruction.Arguments.StartsWith("dotnet ", StringComparison.Ordinal))
            {
                var args = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                    .Select(a => a == "/app" ? app : a.Replace("$TARGETARCH", architecture.DockerName, StringComparison.Ordinal))
                    .ToList();
                var result = await ToolProcess.RunAsync("dotnet", args, source, CommandTimeout, DotnetEnvironment);
                log.AppendLine(result.Log);
                result.EnsureSuccess();
            }
        }

        // Only /app is used from here on: the build's intermediate files (about 400 MB) go now, since the test host
        // may be ended without running exit handlers.
        Directory.Delete(source, recursive: true);
        var entryPoint = Dockerfile.EntryPoint();
        return new PublishedImage(architecture, app, Path.Combine(app, Path.GetFileName(entryPoint[0])), log.ToString());
    }

    /// <summary>No build servers left behind by a test; no first-run banner.</summary>
    private static Dictionary<string, string> DotnetEnvironment => new(StringComparer.Ordinal)
    {
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    private static TempDirectory CreateDirectory()
    {
        var directory = new TempDirectory("image-build");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => directory.Dispose();
        return directory;
    }
}

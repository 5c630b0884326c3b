using Quickstart.Tests.Support;

namespace Quickstart.Tests.Image;

/// <summary>
/// Every shared library the published executable loads, directly or through another library, is one the runtime
/// image holds (docs/runtime-image.md, read from dotnet-docker's runtime-deps Dockerfile and the chisel slices),
/// and the document's list of what the operator loads is exactly what the ELF headers say.
/// </summary>
[Collection(SeparateProcesses.Name)]
public sealed class RuntimeLibrariesTests
{
    [Fact]
    public async Task Every_library_the_executable_loads_is_in_the_runtime_deps_image()
    {
        var published = await DockerfileBuild.PublishAsync(TargetArchitecture.Host);
        AssertLoadsOnlyWhatTheImageHolds(published, TargetArchitecture.Host);
    }

    internal static void AssertLoadsOnlyWhatTheImageHolds(PublishedImage published, TargetArchitecture architecture)
    {
        var image = RuntimeBaseImage.Load();
        var closure = SharedLibraryClosure.Resolve(published.Executable, image.Opened, architecture);
        Assert.True(closure.Missing.Count == 0, $"not found on this machine for {architecture.DockerName}: {string.Join(", ", closure.Missing)}");

        var loaded = closure.Libraries.Keys.ToHashSet(StringComparer.Ordinal);
        var notInImage = loaded.Except(image.Holds(architecture)).ToList();
        Assert.True(notInImage.Count == 0, $"the executable loads {string.Join(", ", notInImage)}, which {RuntimeBaseImage.DocumentPath} does not list in the runtime-deps image for {architecture.DockerName}: add the slice to the Dockerfile's runtime stage (or the library to the document, if the image has it)");
        Assert.Equal(image.Loads(architecture).Order(StringComparer.Ordinal), loaded.Order(StringComparer.Ordinal));

        // The loader the kernel starts is the one the image has at that path.
        Assert.Equal(
            architecture == TargetArchitecture.Amd64 ? "/lib64/ld-linux-x86-64.so.2" : "/lib/ld-linux-aarch64.so.1",
            closure.Executable.Interpreter);
    }
}

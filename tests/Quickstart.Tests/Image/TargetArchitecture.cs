using System.Runtime.InteropServices;

namespace Quickstart.Tests.Image;

/// <summary>
/// One platform the image is built for, by the names each tool uses: Docker's TARGETARCH, the .NET runtime
/// identifier, the ELF machine and the Debian/Ubuntu multiarch triple (where the distributions keep its libraries).
/// </summary>
internal sealed record TargetArchitecture(string DockerName, string RuntimeIdentifier, ElfMachine Machine, string Triple)
{
    public static readonly TargetArchitecture Amd64 = new("amd64", "linux-x64", ElfMachine.X86_64, "x86_64-linux-gnu");

    public static readonly TargetArchitecture Arm64 = new("arm64", "linux-arm64", ElfMachine.Aarch64, "aarch64-linux-gnu");

    /// <summary>The architecture of this machine (what runs without an emulator).</summary>
    public static TargetArchitecture Host => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => Amd64,
        Architecture.Arm64 => Arm64,
        var other => throw new PlatformNotSupportedException($"no image is built for {other}"),
    };

    /// <summary>
    /// Where this machine keeps the architecture's shared libraries: its own (multiarch directories), or those of a
    /// cross toolchain (Debian's libc6-*-cross packages) and of multiarch packages (libssl3:arm64).
    /// </summary>
    public IReadOnlyList<string> LibraryDirectories =>
    [
        $"/usr/lib/{Triple}",
        $"/lib/{Triple}",
        $"/usr/{Triple}/lib",
    ];
}

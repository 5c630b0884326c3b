using System.Diagnostics;
using System.Globalization;
using Kube.Sandbox;
using Quickstart.Kubectl;
using Quickstart.Operator;
using Quickstart.Tests.Support;
using Shared.Testing;

namespace Quickstart.Tests.Image;

/// <summary>
/// The arm64 image from the same Dockerfile: its build stage replayed for TARGETARCH=arm64 on this machine
/// (ILCompiler cross-compiling with clang against the arm64 sysroot), the result checked against the runtime image's
/// arm64 libraries and run under qemu-aarch64 in a root filesystem of arm64 libraries only (the emulator's -L prefix):
/// --help, then /healthz and /readyz against the Kubernetes API sandbox. The arm64 C library and OpenSSL to run it
/// with come from Debian's multiarch packages (libc6:arm64, libssl3:arm64; .ci/run installs them), all from one glibc
/// build: the cross toolchain's loader with another build's libc hangs at start.
/// </summary>
[Collection(SeparateProcesses.Name)]
public sealed class Arm64ImageTests : IDisposable
{
    private const string Emulator = "qemu-aarch64";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3); // a safety net: an emulated start takes seconds
    private readonly TempDirectory _directory = new("arm64");

    [RequiresToolsFact([Emulator, "clang", "kubectl"], ["gcc-aarch64-linux-gnu", "libc6-dev-arm64-cross", "libc6:arm64", "libssl3:arm64"])]
    public async Task The_cross_compiled_arm64_executable_runs_under_qemu_answers_healthz_and_needs_only_the_image_libraries()
    {
        var architecture = TargetArchitecture.Arm64;
        var published = await DockerfileBuild.PublishAsync(architecture);
        Assert.Equal(ElfMachine.Aarch64, ElfFile.Read(published.Executable).Machine);
        RuntimeLibrariesTests.AssertLoadsOnlyWhatTheImageHolds(published, architecture);

        var closure = SharedLibraryClosure.Resolve(published.Executable, RuntimeBaseImage.Load().Opened, architecture);
        var root = Path.Combine(_directory.Path, "rootfs");
        await MinimalRootFilesystem.BuildAsync(root, published.Executable, closure, architecture, 10001, 10001, []);
        var executable = Path.Combine(root, MinimalRootFilesystem.ExecutablePath.TrimStart('/'));

        var help = await ToolProcess.RunAsync(Emulator, ["-L", root, executable, "--help"], root, Deadline);
        Assert.True(help.ExitCode == 0, $"--help under {Emulator} exited {help.ExitCode}:\n{help.Log}");
        Assert.Contains("generate-crds", help.StdOut, StringComparison.Ordinal);

        await using var kube = await KubeApiSandbox.StartAsync(new KubeApiSandboxOptions { StateDirectory = _directory.Sub("kube") });
        var kubectl = new KubectlRunner(kube.AdminKubeconfigPath, _directory.Sub("kubectl-cache"), RepositoryRoot.Path);
        (await kubectl.RunAsync(["apply", "-k", RepositoryRoot.File("config", "crds")], CancellationToken.None)).EnsureSuccess();
        var port = InProcessOperator.FreePort();
        var start = new ProcessStartInfo(Emulator) { WorkingDirectory = root };
        foreach (var argument in new[]
        {
            "-L", root, executable,
            $"--kubeconfig={kube.AdminKubeconfigPath}", "--leader-elect=false", "--cpaas-base-url=http://127.0.0.1:9/cpaas/",
            $"--health-probe-bind-address=127.0.0.1:{port}", $"--metrics-bind-address=127.0.0.1:{port}", "--log-format=text",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["POD_NAMESPACE"] = "cpaas-system";
        using var running = WatchedProcess.Start(start, $"the arm64 operator under {Emulator}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var path in new[] { "healthz", "readyz" })
        {
            await WaitForOkAsync(http, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/{path}"), running);
        }

        await running.SignalAsync("TERM");
        Assert.Equal(0, await running.WaitForExitAsync(Deadline));
    }

    public void Dispose() => _directory.Dispose();

    private static async Task WaitForOkAsync(HttpClient http, Uri url, WatchedProcess running)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        try
        {
            do
            {
                try
                {
                    using var response = await http.GetAsync(url, deadline.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
            }
            while (await timer.WaitForNextTickAsync(deadline.Token));
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{url} did not answer 200 within {Deadline}\n{running.Transcript}");
        }
    }
}

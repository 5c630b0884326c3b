using System.Globalization;
using k8s.Models;
using Quickstart.Tests.Support;

namespace Quickstart.Tests.Image;

/// <summary>
/// The image proven without a container engine: the shared libraries of the published executable against the
/// runtime-deps image's documented contents (docs/runtime-image.md), then a release installed from the rendered
/// install.yaml and the executable run in a bare read-only root filesystem as uid/gid 10001, against both sandboxes
/// (<see cref="InstalledImageFixture"/>).
/// </summary>
[Collection(SeparateProcesses.Name)]
public sealed class ImageRuntimeTests : IClassFixture<InstalledImageFixture>
{
    private const string Bubblewrap = "bwrap";
    private readonly InstalledImageFixture _fixture;

    public ImageRuntimeTests(InstalledImageFixture fixture) => _fixture = fixture;

    [RequiresToolsFact([Bubblewrap, "setpriv", "kubectl"], root: true)]
    public async Task Healthz_and_readyz_answer_from_the_bare_read_only_root_filesystem_as_uid_10001()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var path in new[] { "healthz", "readyz" })
        {
            using var response = await http.GetAsync(new Uri(_fixture.ProbeUrl, path));
            Assert.True(response.IsSuccessStatusCode, $"/{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{_fixture.Operator.Transcript}");
        }

        var metrics = await http.GetStringAsync(new Uri(_fixture.MetricsUrl, "metrics"));
        Assert.Contains("# TYPE ", metrics, StringComparison.Ordinal);

        // The process: the image's user and group on this machine too, no capabilities, no_new_privs.
        var pid = _fixture.Operator.OperatorProcessId();
        var status = await File.ReadAllLinesAsync($"/proc/{pid}/status");
        Assert.Equal("10001\t10001\t10001\t10001", Field(status, "Uid"));
        Assert.Equal("10001\t10001\t10001\t10001", Field(status, "Gid"));
        Assert.Equal("0000000000000000", Field(status, "CapEff"));
        Assert.Equal("1", Field(status, "NoNewPrivs"));

        // Its root: read-only, and nothing but what MinimalRootFilesystem put there (no shell to exec into).
        var mounts = await File.ReadAllLinesAsync($"/proc/{pid}/mountinfo");
        var root = mounts.Select(l => l.Split(' ')).Single(f => f[4] == "/");
        Assert.Contains("ro", root[5].Split(','));
        Assert.False(File.Exists($"/proc/{pid}/root/bin/sh"), "the root filesystem has a shell");
        Assert.Empty(Directory.EnumerateFileSystemEntries($"/proc/{pid}/root/usr").Select(Path.GetFileName).Except(["lib", "lib64"]));
    }

    [RequiresToolsFact([Bubblewrap, "setpriv", "kubectl"], root: true)]
    public async Task The_samples_become_Ready_with_the_operator_of_the_rendered_install_yaml()
    {
        var ns = Names.Unique("image-samples");
        (await _fixture.Kubectl.RunAsync(["create", "namespace", ns], CancellationToken.None)).EnsureSuccess();
        var applied = (await _fixture.Kubectl.RunAsync(["apply", "-k", RepositoryRoot.File("config", "sandbox-samples"), "-n", ns], CancellationToken.None)).EnsureSuccess();
        var projects = applied.StdOut.Split('\n').Count(l => l.StartsWith("cpaasproject.cpaas.enablex.io/", StringComparison.Ordinal));
        Assert.True(projects > 0, applied.StdOut);

        var wait = await _fixture.Kubectl.RunAsync(["wait", "--for=condition=Ready", "cpaasproject", "--all", "-n", ns, "--timeout=3m"], CancellationToken.None);
        Assert.True(wait.Succeeded, $"{wait.StdErr}\n{_fixture.Operator.Transcript}");
        Assert.Equal(projects, wait.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [RequiresToolsFact([Bubblewrap, "setpriv", "kubectl"], root: true)]
    public void The_rendered_install_yaml_pins_the_image_and_applies_every_object_of_config_default()
    {
        var objects = KubeYaml.LoadAll(_fixture.InstallManifest);
        var deployment = Assert.Single(objects.OfType<V1Deployment>());
        Assert.Equal(InstalledImageFixture.Image, Assert.Single(deployment.Spec.Template.Spec.Containers).Image);
        Assert.Single(objects.OfType<V1CustomResourceDefinition>());
        Assert.All(objects.OfType<IMetadata<V1ObjectMeta>>().Where(o => o is not V1Namespace and not V1CustomResourceDefinition and not V1ClusterRole and not V1ClusterRoleBinding),
            o => Assert.Equal("cpaas-system", o.Metadata.NamespaceProperty));

        var created = _fixture.Install.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(objects.Count, created.Length);
        Assert.All(created, line => Assert.EndsWith(" created", line, StringComparison.Ordinal));
    }

    private static string Field(IEnumerable<string> status, string name) =>
        status.Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();
}

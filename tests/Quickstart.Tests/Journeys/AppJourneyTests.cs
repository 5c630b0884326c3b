using System.Text.Json;
using System.Text.RegularExpressions;
using Quickstart.Tests.Support;

namespace Quickstart.Tests.Journeys;

/// <summary>
/// The example application of config/samples/app, applied with the samples as docs/using-the-secret.md says.
/// There is no kubelet here, so its pod never runs: the test checks what Kubernetes stores and what the pod would mount.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed partial class AppJourneyTests
{
    private readonly OperatorFixture _fixture;

    public AppJourneyTests(OperatorFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task The_sample_app_is_stored_and_mounts_the_connection_Secret_the_operator_writes_whose_keys_it_reads()
    {
        var ns = await _fixture.NamespaceAsync("app");
        (await _fixture.KubectlAsync("apply", "-k", RepositoryRoot.File("config", "sandbox-samples"), "-n", ns)).EnsureSuccess();
        var applied = (await _fixture.KubectlAsync("apply", "-k", RepositoryRoot.File("config", "samples", "app"), "-n", ns)).EnsureSuccess();
        Assert.Equal("deployment.apps/video-demo-app created", applied.StdOut.Trim());
        (await _fixture.KubectlAsync("wait", "--for=condition=Ready", "cpaasproject", "video-demo", "-n", ns, "--timeout=3m")).EnsureSuccess();

        using var deployment = JsonDocument.Parse((await _fixture.KubectlAsync("get", "deployment", "video-demo-app", "-n", ns, "-o", "json")).EnsureSuccess().StdOut);
        var pod = deployment.RootElement.GetProperty("spec").GetProperty("template").GetProperty("spec");
        var volume = Assert.Single(pod.GetProperty("volumes").EnumerateArray());
        var secretName = volume.GetProperty("secret").GetProperty("secretName").GetString();
        var container = Assert.Single(pod.GetProperty("containers").EnumerateArray());
        var mount = Assert.Single(container.GetProperty("volumeMounts").EnumerateArray());

        // The Secret it mounts is the one the operator wrote for the project.
        var written = (await _fixture.KubectlAsync("get", "cpaasproject", "video-demo", "-n", ns, "-o", "jsonpath={.status.connectionSecretName}")).EnsureSuccess().StdOut;
        Assert.Equal(written, secretName);
        var appId = (await _fixture.KubectlAsync("get", "cpaasproject", "video-demo", "-n", ns, "-o", "jsonpath={.status.appId}")).EnsureSuccess().StdOut;
        Assert.Equal(appId, (await _fixture.KubectlAsync("get", "secret", written, "-n", ns, "-o", "jsonpath={.data.app_id}")).Base64Decoded());
        Assert.NotEmpty((await _fixture.KubectlAsync("get", "secret", written, "-n", ns, "-o", "jsonpath={.data.app_key}")).Base64Decoded());

        // Whole-Secret mount (no subPath, which would never see a rotation), read from files it names, key never printed.
        Assert.Equal(volume.GetProperty("name").GetString(), mount.GetProperty("name").GetString());
        Assert.False(mount.TryGetProperty("subPath", out _));
        var directory = mount.GetProperty("mountPath").GetString();
        var script = string.Join('\n', container.GetProperty("command").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains($"cat {directory}/app_id", script, StringComparison.Ordinal);
        Assert.Contains($"cat {directory}/app_key", script, StringComparison.Ordinal);
        Assert.DoesNotMatch(PrintsTheKey(), script);
        Assert.False(container.TryGetProperty("env", out _));
    }

    // echo/printf of $app_key or ${app_key} (its length, ${#app_key}, is fine).
    [GeneratedRegex(@"(echo|printf)[^\n]*\$(\{)?app_key\b")]
    private static partial Regex PrintsTheKey();
}

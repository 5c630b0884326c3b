using System.Text.Json;
using Quickstart.Tests.Support;

namespace Quickstart.Tests.Journeys;

/// <summary>The README's install and samples journey, with the real kubectl.</summary>
[Collection(OperatorCollection.Name)]
public sealed class SampleJourneyTests
{
    private static readonly string[] SampleProjects = ["embed-demo", "full-demo", "sms-demo", "video-demo", "voice-demo"];

    private readonly OperatorFixture _fixture;

    public SampleJourneyTests(OperatorFixture fixture) => _fixture = fixture;

    [Fact]
    public void Apply_k_config_default_installs_the_namespace_crd_rbac_and_deployment()
    {
        var lines = _fixture.Install.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] expected =
        [
            "namespace/cpaas-system created",
            "customresourcedefinition.apiextensions.k8s.io/cpaasprojects.cpaas.enablex.io created",
            "serviceaccount/cpaas-operator created",
            "role.rbac.authorization.k8s.io/cpaas-operator-leader-election created",
            "clusterrole.rbac.authorization.k8s.io/cpaas-operator created",
            "rolebinding.rbac.authorization.k8s.io/cpaas-operator-leader-election created",
            "clusterrolebinding.rbac.authorization.k8s.io/cpaas-operator created",
            "deployment.apps/cpaas-operator created",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), lines.Order(StringComparer.Ordinal));
        Assert.Empty(_fixture.Install.StdErr.Trim());
    }

    [Fact]
    public async Task Applying_config_default_again_changes_nothing_so_upgrades_are_a_plain_reapply()
    {
        var again = (await _fixture.KubectlAsync("apply", "-k", RepositoryRoot.File("config", "default"))).EnsureSuccess();
        var lines = again.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(8, lines.Length);
        Assert.All(lines, line => Assert.EndsWith(" unchanged", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Samples_for_a_real_account_are_refused_until_settings_are_filled_in_then_become_Ready_and_are_suspended_when_deleted()
    {
        // As checked out, settings.yaml is empty: the API server refuses every sample, so nothing reaches the account.
        var ns = await _fixture.NamespaceAsync("real-samples");
        var refused = await _fixture.KubectlAsync("apply", "-k", RepositoryRoot.File("config", "samples"), "-n", ns);
        Assert.False(refused.Succeeded, refused.StdOut);
        Assert.Contains("spec.categoryId", refused.StdErr, StringComparison.Ordinal);
        Assert.Contains("spec.embed.subdomain", refused.StdErr, StringComparison.Ordinal);
        Assert.Equal("", (await _fixture.KubectlAsync("get", "cpaasprojects", "-n", ns, "-o", "name")).EnsureSuccess().StdOut.Trim());

        // The README's steps: settings.yaml filled in (a category of the sandbox's data pool, a suffix of this
        // installation), the namespace created (above), apply, wait.
        using var copy = new TempDirectory("real-samples");
        foreach (var file in Directory.GetFiles(RepositoryRoot.File("config", "samples"), "*.yaml"))
        {
            File.Copy(file, Path.Combine(copy.Path, Path.GetFileName(file)));
        }

        var suffix = Guid.NewGuid().ToString("N")[..8];
        var settings = Path.Combine(copy.Path, "settings.yaml");
        await File.WriteAllTextAsync(settings, (await File.ReadAllTextAsync(settings))
            .Replace("categoryId: \"\"", "categoryId: other", StringComparison.Ordinal)
            .Replace("suffix: \"\"", $"suffix: \"{suffix}\"", StringComparison.Ordinal));
        var applied = (await _fixture.KubectlAsync("apply", "-k", copy.Path, "-n", ns)).EnsureSuccess();
        Assert.Equal(SampleProjects.Length, applied.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        (await _fixture.KubectlAsync("wait", "--for=condition=Ready", "cpaasproject", "--all", "-n", ns, "--timeout=3m")).EnsureSuccess();

        var appIds = new List<string>();
        foreach (var name in SampleProjects)
        {
            appIds.Add((await _fixture.KubectlAsync("get", "cpaasproject", name, "-n", ns, "-o", "jsonpath={.status.appId}")).EnsureSuccess().StdOut);
        }

        var embedSecret = (await _fixture.KubectlAsync("get", "cpaasproject", "embed-demo", "-n", ns, "-o", "jsonpath={.status.connectionSecretName}")).EnsureSuccess().StdOut;
        var hostUrl = (await _fixture.KubectlAsync("get", "secret", embedSecret, "-n", ns, "-o", "jsonpath={.data.host_meeting_url}")).Base64Decoded();
        Assert.StartsWith($"https://embed-demo-{suffix}.", hostUrl, StringComparison.Ordinal);

        // kubectl delete waits for the finalizers: every project is suspended, none left active.
        (await _fixture.KubectlAsync("delete", "-k", copy.Path, "-n", ns, "--timeout=3m")).EnsureSuccess();
        Assert.All(appIds, appId => Assert.Equal("suspended", _fixture.Cpaas.Store.Find(appId)?.Status));
    }

    [Fact]
    public async Task Samples_become_Ready_and_their_Secrets_hold_each_projects_app_id_and_key()
    {
        var ns = await _fixture.NamespaceAsync("samples");
        var applied = (await _fixture.KubectlAsync("apply", "-k", RepositoryRoot.File("config", "sandbox-samples"), "-n", ns)).EnsureSuccess();
        foreach (var name in SampleProjects)
        {
            Assert.Contains($"cpaasproject.cpaas.enablex.io/{name} created", applied.StdOut, StringComparison.Ordinal);
        }

        var wait = (await _fixture.KubectlAsync("wait", "--for=condition=Ready", "cpaasproject", "--all", "-n", ns, "--timeout=3m")).EnsureSuccess();
        Assert.Equal(SampleProjects.Length, wait.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var table = (await _fixture.KubectlAsync("get", "cpaasprojects", "-n", ns)).EnsureSuccess().StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+APP ID\s+READY\s+REASON\s+AGE$", table[0]);
        Assert.All(table[1..], row => Assert.Matches(@"^\S+\s+[0-9a-f]{24}\s+True\s+\S+\s+\d+s$", row));

        using var projects = JsonDocument.Parse((await _fixture.KubectlAsync("get", "cpaasprojects", "-n", ns, "-o", "json")).EnsureSuccess().StdOut);
        foreach (var project in projects.RootElement.GetProperty("items").EnumerateArray())
        {
            var name = project.GetProperty("metadata").GetProperty("name").GetString()!;
            var status = project.GetProperty("status");
            var appId = status.GetProperty("appId").GetString()!;
            var secretName = status.GetProperty("connectionSecretName").GetString()!;
            var stored = _fixture.Cpaas.Store.Find(appId);
            Assert.NotNull(stored);
            Assert.Equal(_fixture.Cpaas.CustomerAccount.CustomerId, stored.CustomerId);

            Assert.Equal(appId, (await _fixture.KubectlAsync("get", "secret", secretName, "-n", ns, "-o", "jsonpath={.data.app_id}")).Base64Decoded());
            Assert.Equal(stored.AppKey, (await _fixture.KubectlAsync("get", "secret", secretName, "-n", ns, "-o", "jsonpath={.data.app_key}")).Base64Decoded());
            var owner = (await _fixture.KubectlAsync("get", "secret", secretName, "-n", ns, "-o", "jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}/{.metadata.ownerReferences[0].controller}")).EnsureSuccess().StdOut;
            Assert.Equal($"CpaasProject/{name}/true", owner);
        }

        // The embed sample also gets the host URL of its room.
        var embedSecret = (await _fixture.KubectlAsync("get", "cpaasproject", "embed-demo", "-n", ns, "-o", "jsonpath={.status.connectionSecretName}")).EnsureSuccess().StdOut;
        var hostUrl = (await _fixture.KubectlAsync("get", "secret", embedSecret, "-n", ns, "-o", "jsonpath={.data.host_meeting_url}")).Base64Decoded();
        Assert.StartsWith("https://embed-demo-example.", hostUrl, StringComparison.Ordinal);

        // full-demo names its Secret; the others get the default NAME-cpaas.
        Assert.Equal("full-demo-connection", (await _fixture.KubectlAsync("get", "cpaasproject", "full-demo", "-n", ns, "-o", "jsonpath={.status.connectionSecretName}")).EnsureSuccess().StdOut);
        Assert.Equal("video-demo-cpaas", (await _fixture.KubectlAsync("get", "cpaasproject", "video-demo", "-n", ns, "-o", "jsonpath={.status.connectionSecretName}")).EnsureSuccess().StdOut);
    }
}

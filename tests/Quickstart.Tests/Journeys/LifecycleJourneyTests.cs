using System.Text.Json.Nodes;
using Cpaas.Sandbox.Api;
using Cpaas.Sandbox.Journal;
using Cpaas.Sandbox.Store;
using Quickstart.Tests.Support;

namespace Quickstart.Tests.Journeys;

/// <summary>Change, delete and reject: what a user does with kubectl after the first apply, and what reaches the CPaaS API.</summary>
[Collection(OperatorCollection.Name)]
public sealed class LifecycleJourneyTests
{
    private static readonly TimeSpan JournalTimeout = TimeSpan.FromMinutes(2);
    private static readonly SandboxOperation[] Writes =
        [SandboxOperation.AddProject, SandboxOperation.EditProject, SandboxOperation.ResetKey, SandboxOperation.PatchVideo, SandboxOperation.PatchVoice, SandboxOperation.PatchSms, SandboxOperation.PatchVideoEmbed];

    private readonly OperatorFixture _fixture;

    public LifecycleJourneyTests(OperatorFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Kubectl_patch_of_one_spec_field_sends_one_PATCH_with_only_that_key()
    {
        var ns = await _fixture.NamespaceAsync("patch");
        var appId = await CreateReadyAsync(ns, "support-desk", Manifests.VideoProject("support-desk", ns, "https://hooks.example.com/v1", extraVideo: """
                sip:
                  serverUrl: sip.example.com
                  username: desk
            """));
        var mark = LastSequence();

        (await _fixture.KubectlAsync("patch", "cpaasproject", "support-desk", "-n", ns, "--type", "merge", "-p", """{"spec":{"video":{"notificationUrl":"https://hooks.example.com/v2"}}}""")).EnsureSuccess();
        await WaitForJournalAsync(e => e.Sequence > mark && e.AppId == appId && e.Operation == SandboxOperation.PatchVideo);
        (await _fixture.KubectlAsync("wait", "--for=condition=Ready", "cpaasproject/support-desk", "-n", ns, "--timeout=3m")).EnsureSuccess();
        Assert.Equal("2", (await _fixture.KubectlAsync("get", "cpaasproject", "support-desk", "-n", ns, "-o", "jsonpath={.status.observedGeneration}")).EnsureSuccess().StdOut);

        var writes = WritesSince(mark, appId);
        var patch = Assert.Single(writes);
        Assert.Equal("PATCH", patch.Method);
        Assert.EndsWith($"/projects/{appId}/video", patch.Path, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"notification_url":"https://hooks.example.com/v2"}"""), JsonNode.Parse(patch.Body!)), $"PATCH body: {patch.Body}");
        Assert.Equal("https://hooks.example.com/v2", _fixture.Cpaas.Store.Find(appId)!.Video["notification_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Kubectl_delete_with_Suspend_runs_the_finalizer_suspends_the_project_and_the_Secret_is_garbage_collected()
    {
        var ns = await _fixture.NamespaceAsync("suspend");
        var appId = await CreateReadyAsync(ns, "old-desk", Manifests.VideoProject("old-desk", ns, "https://hooks.example.com/old", "  deletionPolicy: Suspend"));
        Assert.Contains("cpaas.enablex.io", (await _fixture.KubectlAsync("get", "cpaasproject", "old-desk", "-n", ns, "-o", "jsonpath={.metadata.finalizers}")).EnsureSuccess().StdOut, StringComparison.Ordinal);
        Assert.True((await _fixture.KubectlAsync("get", "secret", "old-desk-cpaas", "-n", ns)).Succeeded);
        var mark = LastSequence();

        // kubectl delete waits until the object is gone, which needs the operator to run its finalizer.
        var deleted = (await _fixture.KubectlAsync("delete", "cpaasproject", "old-desk", "-n", ns, "--timeout=3m")).EnsureSuccess();
        Assert.Contains("cpaasproject.cpaas.enablex.io \"old-desk\" deleted", deleted.StdOut, StringComparison.Ordinal);
        var gone = await _fixture.KubectlAsync("get", "cpaasproject", "old-desk", "-n", ns);
        Assert.False(gone.Succeeded);
        Assert.Contains("NotFound", gone.StdErr, StringComparison.Ordinal);

        var suspend = Assert.Single(WritesSince(mark, appId));
        Assert.Equal(SandboxOperation.EditProject, suspend.Operation);
        Assert.Equal("suspended", JsonNode.Parse(suspend.Body!)!["status"]!.GetValue<string>());
        Assert.Equal(ProjectStatus.Suspended, _fixture.Cpaas.Store.Find(appId)!.Status);

        (await _fixture.KubectlAsync("wait", "--for=delete", "secret/old-desk-cpaas", "-n", ns, "--timeout=3m")).EnsureSuccess();
        Assert.False((await _fixture.KubectlAsync("get", "secret", "old-desk-cpaas", "-n", ns)).Succeeded);
    }

    [Fact]
    public async Task Kubectl_delete_with_the_default_Retain_leaves_the_project_untouched_and_removes_the_Secret()
    {
        var ns = await _fixture.NamespaceAsync("retain");
        var appId = await CreateReadyAsync(ns, "kept-desk", Manifests.VideoProject("kept-desk", ns, "https://hooks.example.com/kept"));
        var mark = LastSequence();

        (await _fixture.KubectlAsync("delete", "cpaasproject", "kept-desk", "-n", ns, "--timeout=3m")).EnsureSuccess();
        (await _fixture.KubectlAsync("wait", "--for=delete", "secret/kept-desk-cpaas", "-n", ns, "--timeout=3m")).EnsureSuccess();

        Assert.Empty(WritesSince(mark, appId));
        Assert.Equal(ProjectStatus.Active, _fixture.Cpaas.Store.Find(appId)!.Status);
    }

    [Theory]
    [InlineData("  deletionPolicy: Destroy", "spec.deletionPolicy", "Unsupported value: \"Destroy\"")]
    [InlineData("  connectionSecret:\n    name: Not_A_Name", "spec.connectionSecret.name", "should match")]
    [InlineData("  colour: blue", "spec.colour", "unknown field")]
    public async Task Applying_an_invalid_resource_prints_the_schema_error_naming_the_field_and_creates_nothing(string extraSpec, string field, string message)
    {
        var ns = await _fixture.NamespaceAsync("invalid");
        var adds = _fixture.Cpaas.Journal.CountOf(SandboxOperation.AddProject);

        var applied = await _fixture.KubectlWithInputAsync(Manifests.VideoProject("bad-desk", ns, "https://hooks.example.com/bad", extraSpec), "apply", "-f", "-");

        Assert.NotEqual(0, applied.ExitCode);
        Assert.Contains(field, applied.StdErr, StringComparison.Ordinal);
        Assert.Contains(message, applied.StdErr, StringComparison.Ordinal);
        Assert.False((await _fixture.KubectlAsync("get", "cpaasproject", "bad-desk", "-n", ns)).Succeeded);
        Assert.Equal(adds, _fixture.Cpaas.Journal.CountOf(SandboxOperation.AddProject));
    }

    [Fact]
    public async Task A_resource_without_its_required_categoryId_is_refused_with_a_Required_value_error()
    {
        var ns = await _fixture.NamespaceAsync("invalid");
        var manifest = $"""
            apiVersion: cpaas.enablex.io/v1alpha1
            kind: CpaasProject
            metadata:
              name: no-category
              namespace: {ns}
            spec:
              shortDescription: no category
            """;

        var applied = await _fixture.KubectlWithInputAsync(manifest, "apply", "-f", "-");

        Assert.NotEqual(0, applied.ExitCode);
        Assert.Contains("spec.categoryId: Required value", applied.StdErr, StringComparison.Ordinal);
    }

    private async Task<string> CreateReadyAsync(string ns, string name, string manifest)
    {
        (await _fixture.KubectlWithInputAsync(manifest, "apply", "-f", "-")).EnsureSuccess();
        (await _fixture.KubectlAsync("wait", "--for=condition=Ready", $"cpaasproject/{name}", "-n", ns, "--timeout=3m")).EnsureSuccess();
        var appId = (await _fixture.KubectlAsync("get", "cpaasproject", name, "-n", ns, "-o", "jsonpath={.status.appId}")).EnsureSuccess().StdOut;
        Assert.Matches("^[0-9a-f]{24}$", appId);
        return appId;
    }

    private long LastSequence() => _fixture.Cpaas.Journal.Entries().Select(e => e.Sequence).DefaultIfEmpty(0).Max();

    private List<JournalEntry> WritesSince(long sequence, string appId) =>
        _fixture.Cpaas.Journal.Since(sequence).Where(e => e.AppId == appId && Writes.Contains(e.Operation)).ToList();

    private async Task WaitForJournalAsync(Func<JournalEntry, bool> match)
    {
        using var deadline = new CancellationTokenSource(JournalTimeout);
        await _fixture.Cpaas.Journal.WaitForAsync(entries => entries.Any(match), deadline.Token);
    }
}

using Cpaas.Operator.Entities;
using Cpaas.Operator.IntegrationTests.Infrastructure;
using Cpaas.Sandbox.Api;
using k8s;

namespace Cpaas.Operator.IntegrationTests;

/// <summary>docs/RECONCILE.md contract 8: a finalizer; Suspend edits the project status, Retain leaves it; deletion always completes.</summary>
public sealed class DeletionTests(OperatorFixture fixture) : IClassFixture<OperatorFixture>
{
    [Fact]
    public async Task Deleting_with_Suspend_suspends_the_project_and_completes()
    {
        var (ns, appId) = await CreateReadyAsync("suspend-me", "Suspend");

        await fixture.DeleteProjectAsync(ns, "suspend-me");

        await WaitUntilGoneAsync(ns, "suspend-me");
        var stored = fixture.Cpaas.Store.Find(appId)!;
        Assert.Equal("suspended", stored.Status);
        Assert.NotNull(stored.SuspendedAt);
        var edit = Assert.Single(fixture.JournalFor(appId), e => e.Operation == SandboxOperation.EditProject);
        Assert.Equal(["status"], OperatorFixture.BodyJson(edit)!.Select(p => p.Key));
        await fixture.WaitForEventAsync(ns, "suspend-me", "ProjectSuspended");
        await fixture.WaitForSecretAsync(ns, "suspend-me-cpaas", s => s is null, "the connection Secret garbage-collected with its owner");
    }

    [Fact]
    public async Task Deleting_with_the_default_Retain_leaves_the_project_as_it_is()
    {
        var (ns, appId) = await CreateReadyAsync("retain-me", deletionPolicy: null);
        var callsBefore = fixture.JournalFor(appId).Count;

        await fixture.DeleteProjectAsync(ns, "retain-me");

        await WaitUntilGoneAsync(ns, "retain-me");
        Assert.Equal("active", fixture.Cpaas.Store.Find(appId)!.Status);
        Assert.Equal(callsBefore, fixture.JournalFor(appId).Count);
    }

    [Fact]
    public async Task Deletion_completes_when_the_project_is_already_gone()
    {
        var (ns, appId) = await CreateReadyAsync("already-gone", "Suspend");
        MakeInvisible(appId);

        await fixture.DeleteProjectAsync(ns, "already-gone");

        await WaitUntilGoneAsync(ns, "already-gone");
        Assert.Equal("active", fixture.Cpaas.Store.Find(appId)!.Status);
        Assert.Contains(fixture.JournalFor(appId), e => e.Result == "1007");
        await fixture.WaitForEventAsync(ns, "already-gone", "ProjectAlreadyGone");
    }

    [Fact]
    public async Task Deletion_completes_when_the_credentials_are_missing()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var apiId = "deleter-" + ns;
        var apiKey = "deleter-key-" + Guid.NewGuid().ToString("N");
        fixture.Cpaas.AddAccount(apiId, apiKey, isAdmin: false, customerId: fixture.Cpaas.CustomerAccount.CustomerId);
        await fixture.CreateSecretAsync(ns, "account", new Dictionary<string, string> { ["api_id"] = apiId, ["api_key"] = apiKey });
        await fixture.CreateProjectAsync(ns, """
            metadata:
              name: no-credentials
            spec:
              appName: no-credentials-project
              categoryId: education
              deletionPolicy: Suspend
              credentialsSecretRef:
                name: account
              video: {}
            """);
        var appId = (await fixture.WaitForReadyAsync(ns, "no-credentials")).Status!.AppId!;

        await fixture.Admin.CoreV1.DeleteNamespacedSecretAsync("account", ns);
        await fixture.DeleteProjectAsync(ns, "no-credentials");

        await WaitUntilGoneAsync(ns, "no-credentials");
        Assert.Equal("active", fixture.Cpaas.Store.Find(appId)!.Status);
        await fixture.WaitForEventAsync(ns, "no-credentials", "DeletionWithoutSuspend");
    }

    [Fact]
    public async Task Deletion_of_a_paused_resource_completes_without_a_call()
    {
        var (ns, appId) = await CreateReadyAsync("paused-delete", "Suspend");
        await fixture.PatchProjectAsync(ns, "paused-delete", """{"metadata":{"annotations":{"cpaas.enablex.io/paused":"true"}}}""");
        await fixture.WaitForConditionAsync(ns, "paused-delete", WellKnownNames.ConditionTypes.Synced, WellKnownNames.ConditionStatus.False, WellKnownNames.Reasons.Paused);
        var callsBefore = fixture.JournalFor(appId).Count;

        await fixture.DeleteProjectAsync(ns, "paused-delete");

        await WaitUntilGoneAsync(ns, "paused-delete");
        Assert.Equal("active", fixture.Cpaas.Store.Find(appId)!.Status);
        Assert.Equal(callsBefore, fixture.JournalFor(appId).Count);
    }

    [Fact]
    public async Task Deletion_of_a_resource_that_never_got_a_project_completes()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.CreateProjectAsync(ns, """
            metadata:
              name: never-created
            spec:
              appName: never-created-project
              categoryId: no-such-category
              deletionPolicy: Suspend
              video: {}
            """);
        await fixture.WaitForConditionAsync(ns, "never-created", WellKnownNames.ConditionTypes.Ready, WellKnownNames.ConditionStatus.False, WellKnownNames.Reasons.CategoryInvalid);

        await fixture.DeleteProjectAsync(ns, "never-created");

        await WaitUntilGoneAsync(ns, "never-created");
        Assert.Empty(fixture.Cpaas.Store.FindByName("never-created-project"));
    }

    /// <summary>
    /// The sandbox has no way to remove a project, so "gone" is played by moving it to another customer: the
    /// operator's customer account then gets exactly what a removed project answers (1007, Invalid App ID).
    /// </summary>
    private void MakeInvisible(string appId)
    {
        fixture.Cpaas.AddCustomer("cust-elsewhere", "Elsewhere");
        fixture.Cpaas.Store.Mutate(appId, p => p.CustomerId = "cust-elsewhere");
    }

    private Task WaitUntilGoneAsync(string ns, string name) =>
        fixture.WaitForProjectAsync(ns, name, p => p is null, $"{ns}/{name} deleted (finalizer removed)");

    private async Task<(string Namespace, string AppId)> CreateReadyAsync(string name, string? deletionPolicy)
    {
        var ns = await fixture.CreateNamespaceAsync();
        var policy = deletionPolicy is null ? "" : $"\n  deletionPolicy: {deletionPolicy}";
        await fixture.CreateProjectAsync(ns, $$"""
            metadata:
              name: {{name}}
            spec:
              appName: {{name}}-project
              categoryId: education{{policy}}
              video: {}
            """);
        var ready = await fixture.WaitForReadyAsync(ns, name);
        return (ns, ready.Status!.AppId!);
    }
}

using Cpaas.Operator.Entities;
using Cpaas.Operator.IntegrationTests.Infrastructure;
using Cpaas.Sandbox.Api;

namespace Cpaas.Operator.IntegrationTests;

/// <summary>
/// docs/RECONCILE.md, "Observe only": managementPolicy Observe on a project made in the portal reads it (GET and
/// list only), publishes its Secret and reports the differing fields; switching to Manage writes exactly those.
/// </summary>
public sealed class ObserveTests(OperatorFixture fixture) : IClassFixture<OperatorFixture>
{
    private const string Ready = WellKnownNames.ConditionTypes.Ready;
    private const string Synced = WellKnownNames.ConditionTypes.Synced;
    private const string True = WellKnownNames.ConditionStatus.True;
    private const string False = WellKnownNames.ConditionStatus.False;

    [Fact]
    public async Task Observe_reads_a_portal_project_reports_its_differences_and_Manage_then_writes_exactly_those()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var appName = "portal-made-" + ns;
        var (appId, appKey) = await fixture.CreateProjectInCpaasAsync(appName);
        var sequence = LastSequence();

        await fixture.CreateProjectAsync(ns, $$"""
            metadata:
              name: observed
            spec:
              appName: {{appName}}
              managementPolicy: Observe
              categoryId: banking
              description: Described in Git
              video:
                notificationUrl: https://hooks.example.com/observed
            """);

        var observed = await fixture.WaitForConditionAsync(ns, "observed", Synced, False, WellKnownNames.Reasons.Drifted);
        Assert.True(OperatorFixture.HasCondition(observed, Ready, True), "Ready: the project exists and its Secret is current");
        Assert.Equal(appId, observed.Status!.AppId);
        var drifted = observed.Status.DriftedFields!;
        Assert.Equal(3, drifted.Count);
        Assert.Contains("categoryId", drifted);
        Assert.Contains("description", drifted);
        Assert.Single(drifted, f => f.StartsWith("video.", StringComparison.Ordinal) && f.Contains("otificationUrl", StringComparison.Ordinal));
        var message = OperatorFixture.Condition(observed, Synced)!.Message;
        Assert.All(drifted, f => Assert.Contains(f, message, StringComparison.Ordinal));
        var secret = await fixture.WaitForSecretAsync(ns, "observed-cpaas", s => s is not null, "the connection Secret");
        Assert.Equal(appId, OperatorFixture.SecretValue(secret, WellKnownNames.ConnectionSecretKeys.AppId));
        Assert.Equal(appKey, OperatorFixture.SecretValue(secret, WellKnownNames.ConnectionSecretKeys.AppKey));

        // Only reads: no add, Edit, PATCH or reset_key; the project is as the portal left it.
        var reads = fixture.Cpaas.Journal.Entries().Where(e => e.Sequence > sequence).ToList();
        Assert.All(reads, e => Assert.True(e.Operation is SandboxOperation.GetProject or SandboxOperation.ListProjects, $"{e.Method} {e.Path}: Observe only reads"));
        Assert.Contains(reads, e => e.Operation == SandboxOperation.GetProject && e.AppId == appId);
        Assert.Equal("education", fixture.Cpaas.Store.Find(appId)!.CategoryId);

        var switched = LastSequence();
        var managed = await fixture.PatchProjectAsync(ns, "observed", """{"spec":{"managementPolicy":"Manage"}}""");

        var converged = await fixture.WaitForConditionAsync(ns, "observed", Synced, True, WellKnownNames.Reasons.ReconcileSuccess);
        Assert.Equal(managed.Metadata.Generation, converged.Status!.ObservedGeneration);
        Assert.Null(converged.Status.DriftedFields);
        var writes = fixture.Cpaas.Journal.Entries().Where(e => e.Sequence > switched && e.Operation is not (SandboxOperation.GetProject or SandboxOperation.ListProjects)).ToList();
        Assert.Equal([SandboxOperation.EditProject, SandboxOperation.PatchVideo], writes.Select(e => e.Operation).Order());
        Assert.Equal(["category_id", "description"], OperatorFixture.BodyJson(writes.Single(e => e.Operation == SandboxOperation.EditProject))!.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["notification_url"], OperatorFixture.BodyJson(writes.Single(e => e.Operation == SandboxOperation.PatchVideo))!.Select(p => p.Key));
        var project = fixture.Cpaas.Store.Find(appId)!;
        Assert.Equal("banking", project.CategoryId);
        Assert.Equal("Described in Git", project.Description);
    }

    [Fact]
    public async Task Observe_lists_write_only_fields_as_not_comparable_not_as_drifted()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var appName = "observed-sip-" + ns;
        await fixture.CreateProjectInCpaasAsync(appName);
        await fixture.CreateSecretAsync(ns, "sip", new Dictionary<string, string> { ["password"] = "sip-password-never-shown" });
        var yaml = TestProjects.SipPasswordFromSecret("observed-sip", appName).Replace("  categoryId: education", "  categoryId: education\n  managementPolicy: Observe", StringComparison.Ordinal);

        await fixture.CreateProjectAsync(ns, yaml);

        var observed = await fixture.WaitForProjectAsync(ns, "observed-sip",
            p => OperatorFixture.HasCondition(p, Ready, True) && p!.Status?.NotComparableFields is { Count: > 0 }, "Ready with not comparable fields");
        var notComparable = observed!.Status!.NotComparableFields!;
        Assert.Contains(notComparable, f => f.Contains("password", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(observed.Status.DriftedFields ?? [], f => notComparable.Contains(f));
        Assert.Contains("not comparable", OperatorFixture.Condition(observed, Synced)!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sip-password-never-shown", OperatorFixture.Serialize(observed), StringComparison.Ordinal);
        Assert.Null(observed.Status.AppliedInputDigests);
    }

    [Fact]
    public async Task Observe_never_suspends_on_delete_whatever_the_deletion_policy()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var appName = "observed-delete-" + ns;
        var (appId, _) = await fixture.CreateProjectInCpaasAsync(appName);
        await fixture.CreateProjectAsync(ns, $$"""
            metadata:
              name: observed-delete
            spec:
              appName: {{appName}}
              managementPolicy: Observe
              deletionPolicy: Suspend
              categoryId: education
              video: {}
            """);
        await fixture.WaitForReadyAsync(ns, "observed-delete");

        await fixture.DeleteProjectAsync(ns, "observed-delete");

        await fixture.WaitForProjectAsync(ns, "observed-delete", p => p is null, "the resource gone");
        Assert.Equal("active", fixture.Cpaas.Store.Find(appId)!.Status);
        Assert.All(fixture.JournalFor(appId), e => Assert.True(e.Operation is SandboxOperation.GetProject or SandboxOperation.AddProject, $"{e.Method} {e.Path}"));
    }

    private long LastSequence() => fixture.Cpaas.Journal.Entries().LastOrDefault()?.Sequence ?? 0;
}

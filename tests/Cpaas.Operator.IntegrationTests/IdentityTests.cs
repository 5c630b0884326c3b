using System.Text.Json.Nodes;
using Controller.Runtime.Client;
using Cpaas.Operator.Entities;
using Cpaas.Operator.IntegrationTests.Infrastructure;
using Cpaas.Operator.Reconciliation;
using Cpaas.Sandbox.Api;
using k8s;

namespace Cpaas.Operator.IntegrationTests;

/// <summary>
/// docs/RECONCILE.md, "Identity and adoption": the app-id annotation holds the project across a re-created resource
/// (no add), spec.adoptionPolicy adopts by name, and a Secret of someone else's at the connection Secret's name
/// stops the resource until it goes.
/// </summary>
public sealed class IdentityTests(OperatorFixture fixture) : IClassFixture<OperatorFixture>
{
    private const string Ready = WellKnownNames.ConditionTypes.Ready;
    private const string Stalled = WellKnownNames.ConditionTypes.Stalled;
    private const string True = WellKnownNames.ConditionStatus.True;
    private const string False = WellKnownNames.ConditionStatus.False;

    [Fact]
    public async Task A_resource_exported_without_status_and_re_applied_after_a_Retain_delete_holds_its_project_with_no_add()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var appName = "exported-" + ns;
        await fixture.CreateProjectAsync(ns, $$"""
            metadata:
              name: exported
            spec:
              appName: {{appName}}
              categoryId: education
              video:
                notificationUrl: https://hooks.example.com/exported
            """);
        var ready = await fixture.WaitForProjectAsync(ns, "exported",
            p => OperatorFixture.HasCondition(p, Ready, True) && IdentitySources.Annotation(p!) is not null, "Ready with the app-id annotation");
        var appId = ready!.Status!.AppId!;
        Assert.Equal(appId, IdentitySources.Annotation(ready));

        // kubectl get -o yaml, as a backup tool or a person keeps it: no status, no server-set identity fields.
        var exported = await ExportAsync(ns, "exported");
        await fixture.DeleteProjectAsync(ns, "exported");
        await fixture.WaitForProjectAsync(ns, "exported", p => p is null, "the resource gone (deletionPolicy Retain)");
        await fixture.WaitForSecretAsync(ns, "exported-cpaas", s => s is null, "the connection Secret gone with its owner");
        var sequence = LastSequence();

        await fixture.CreateProjectAsync(ns, exported);

        var again = await fixture.WaitForReadyAsync(ns, "exported");
        Assert.Equal(appId, again.Status!.AppId);
        Assert.Single(fixture.AddsNamed(appName));
        var after = fixture.Cpaas.Journal.Entries().Where(e => e.Sequence > sequence).ToList();
        Assert.DoesNotContain(after, e => e.Operation == SandboxOperation.AddProject);
        Assert.Single(after, e => e.AppId == appId);
        Assert.Single(after, e => e.AppId == appId && e.Operation == SandboxOperation.GetProject);
        var secret = await fixture.WaitForSecretAsync(ns, "exported-cpaas", s => s is not null, "the connection Secret written again");
        Assert.Equal(appId, OperatorFixture.SecretValue(secret, WellKnownNames.ConnectionSecretKeys.AppId));
        Assert.Equal(fixture.Cpaas.Store.Find(appId)!.AppKey, OperatorFixture.SecretValue(secret, WellKnownNames.ConnectionSecretKeys.AppKey));
    }

    [Fact]
    public async Task A_resource_arriving_with_the_annotation_of_a_project_that_is_gone_is_ProjectNotFound_with_no_add()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var appName = "gone-" + ns;
        var (appId, _) = await fixture.CreateProjectInCpaasAsync(appName);
        fixture.Cpaas.AddCustomer("cust-elsewhere-" + ns, "Elsewhere");
        fixture.Cpaas.Store.Mutate(appId, p => p.CustomerId = "cust-elsewhere-" + ns);
        var sequence = LastSequence();

        await fixture.CreateProjectAsync(ns, $$"""
            metadata:
              name: gone
              annotations:
                {{WellKnownNames.Annotations.AppId}}: "{{appId}}"
            spec:
              appName: {{appName}}
              categoryId: education
              video: {}
            """);

        var failed = await fixture.WaitForConditionAsync(ns, "gone", Ready, False, WellKnownNames.Reasons.ProjectNotFound);
        Assert.True(OperatorFixture.HasCondition(failed, Stalled, True, WellKnownNames.Reasons.ProjectNotFound));
        var calls = fixture.Cpaas.Journal.Entries().Where(e => e.Sequence > sequence).ToList();
        Assert.DoesNotContain(calls, e => e.Operation == SandboxOperation.AddProject);
        Assert.Contains(calls, e => e.AppId == appId && e.Operation == SandboxOperation.GetProject && e.Result == "1007");
    }

    [Fact]
    public async Task AdoptOrCreate_adopts_the_one_unclaimed_project_of_that_name_with_no_add()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var appName = "adopt-one-" + ns;
        var (appId, appKey) = await fixture.CreateProjectInCpaasAsync(appName);
        var sequence = LastSequence();

        await fixture.CreateProjectAsync(ns, Spec("adopt-one", appName, "AdoptOrCreate"));

        var ready = await fixture.WaitForProjectAsync(ns, "adopt-one",
            p => OperatorFixture.HasCondition(p, Ready, True) && IdentitySources.Annotation(p!) is not null, "Ready with the app-id annotation");
        Assert.Equal(appId, ready!.Status!.AppId);
        Assert.Equal(appId, IdentitySources.Annotation(ready));
        Assert.DoesNotContain(fixture.Cpaas.Journal.Entries(), e => e.Sequence > sequence && e.Operation == SandboxOperation.AddProject);
        Assert.Contains(fixture.Cpaas.Journal.Entries(), e => e.Sequence > sequence && e.Operation == SandboxOperation.ListProjects);
        var secret = await fixture.GetSecretAsync(ns, "adopt-one-cpaas");
        Assert.Equal(appKey, OperatorFixture.SecretValue(secret, WellKnownNames.ConnectionSecretKeys.AppKey));
    }

    [Fact]
    public async Task AdoptOrCreate_creates_the_project_when_none_has_that_name()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var appName = "adopt-none-" + ns;

        await fixture.CreateProjectAsync(ns, Spec("adopt-none", appName, "AdoptOrCreate"));

        var ready = await fixture.WaitForReadyAsync(ns, "adopt-none");
        Assert.Single(fixture.AddsNamed(appName));
        Assert.Equal(Assert.Single(fixture.Cpaas.Store.FindByName(appName)).AppId, ready.Status!.AppId);
    }

    [Fact]
    public async Task AdoptOnly_with_no_project_of_that_name_is_ProjectNotFound_and_never_adds()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var appName = "adopt-only-" + ns;

        await fixture.CreateProjectAsync(ns, Spec("adopt-only", appName, "AdoptOnly"));

        var failed = await fixture.WaitForConditionAsync(ns, "adopt-only", Ready, False, WellKnownNames.Reasons.ProjectNotFound);
        Assert.True(OperatorFixture.HasCondition(failed, Stalled, True, WellKnownNames.Reasons.ProjectNotFound));
        Assert.Contains(appName, OperatorFixture.Condition(failed, Ready)!.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.AddsNamed(appName));
        Assert.Empty(fixture.Cpaas.Store.FindByName(appName));
    }

    [Fact]
    public async Task Two_projects_of_that_name_give_AmbiguousProject_and_no_add()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var appName = "adopt-two-" + ns;
        var (first, _) = await fixture.CreateProjectInCpaasAsync(appName);
        var (second, _) = await fixture.CreateProjectInCpaasAsync(appName);

        await fixture.CreateProjectAsync(ns, Spec("adopt-two", appName, "AdoptOrCreate"));

        var failed = await fixture.WaitForConditionAsync(ns, "adopt-two", Ready, False, WellKnownNames.Reasons.AmbiguousProject);
        Assert.True(OperatorFixture.HasCondition(failed, Stalled, True, WellKnownNames.Reasons.AmbiguousProject));
        var message = OperatorFixture.Condition(failed, Ready)!.Message;
        Assert.Contains(first, message, StringComparison.Ordinal);
        Assert.Contains(second, message, StringComparison.Ordinal);
        Assert.Equal(2, fixture.AddsNamed(appName).Count);
        Assert.Null(failed.Status!.AppId);
        Assert.Null(IdentitySources.Annotation(failed));
    }

    [Fact]
    public async Task A_Secret_of_someone_else_at_the_connection_Secret_name_stops_the_resource_until_it_is_deleted()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var appName = "occupied-" + ns;
        await fixture.CreateSecretAsync(ns, "occupied-cpaas", new Dictionary<string, string> { ["note"] = "a team's own Secret" });

        await fixture.CreateProjectAsync(ns, Spec("occupied", appName, adoptionPolicy: null));

        var failed = await fixture.WaitForConditionAsync(ns, "occupied", Ready, False, WellKnownNames.Reasons.InvalidSpec);
        Assert.True(OperatorFixture.HasCondition(failed, Stalled, True, WellKnownNames.Reasons.InvalidSpec));
        Assert.Contains("occupied-cpaas", OperatorFixture.Condition(failed, Ready)!.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.AddsNamed(appName));
        Assert.Equal("a team's own Secret", OperatorFixture.SecretValue(await fixture.GetSecretAsync(ns, "occupied-cpaas"), "note"));

        await fixture.Admin.CoreV1.DeleteNamespacedSecretAsync("occupied-cpaas", ns);

        var ready = await fixture.WaitForReadyAsync(ns, "occupied");
        Assert.Equal(failed.Metadata.Generation, ready.Metadata.Generation);
        Assert.Null(OperatorFixture.Condition(ready, Stalled));
        Assert.Single(fixture.AddsNamed(appName));
        var secret = await fixture.GetSecretAsync(ns, "occupied-cpaas");
        Assert.Equal(ready.Status!.AppId, OperatorFixture.SecretValue(secret, WellKnownNames.ConnectionSecretKeys.AppId));
    }

    [Fact]
    public async Task An_app_id_annotation_that_disagrees_with_status_is_IdentityConflict_with_no_call_until_they_agree()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.CreateProjectAsync(ns, Spec("conflicted", "conflicted-" + ns, adoptionPolicy: null));
        var ready = await fixture.WaitForProjectAsync(ns, "conflicted",
            p => OperatorFixture.HasCondition(p, Ready, True) && IdentitySources.Annotation(p!) is not null, "Ready with the app-id annotation");
        var appId = ready!.Status!.AppId!;
        var (other, _) = await fixture.CreateProjectInCpaasAsync("someone-elses-" + ns);
        var sequence = LastSequence();

        await fixture.PatchProjectAsync(ns, "conflicted", AppIdAnnotation(other));

        var conflict = await fixture.WaitForConditionAsync(ns, "conflicted", Ready, False, WellKnownNames.Reasons.IdentityConflict);
        Assert.True(OperatorFixture.HasCondition(conflict, Stalled, True, WellKnownNames.Reasons.IdentityConflict));
        var message = OperatorFixture.Condition(conflict, Ready)!.Message;
        Assert.Contains(appId, message, StringComparison.Ordinal);
        Assert.Contains(other, message, StringComparison.Ordinal);
        Assert.Equal(appId, conflict.Status!.AppId);
        Assert.DoesNotContain(fixture.Cpaas.Journal.Entries(), e => e.Sequence > sequence && (e.AppId == appId || e.AppId == other));

        await fixture.PatchProjectAsync(ns, "conflicted", AppIdAnnotation(appId));

        var healed = await fixture.WaitForReadyAsync(ns, "conflicted");
        Assert.Null(OperatorFixture.Condition(healed, Stalled));
        Assert.DoesNotContain(fixture.Cpaas.Journal.Entries(), e => e.Sequence > sequence && e.AppId == other);
    }

    [Fact]
    public async Task The_namespace_credentials_Secret_gives_its_resources_that_account()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var apiId = "team-" + ns;
        var apiKey = "team-key-" + Guid.NewGuid().ToString("N");
        fixture.Cpaas.AddAccount(apiId, apiKey, isAdmin: false);
        await fixture.CreateSecretAsync(ns, WellKnownNames.NamespaceCredentialsSecret, new Dictionary<string, string> { ["api_id"] = apiId, ["api_key"] = apiKey });

        await fixture.CreateProjectAsync(ns, Spec("team-account", "team-account-" + ns, adoptionPolicy: null));

        var ready = await fixture.WaitForReadyAsync(ns, "team-account");
        var add = Assert.Single(fixture.AddsNamed("team-account-" + ns));
        Assert.Equal(apiId, add.ApiId);
        Assert.All(fixture.JournalFor(ready.Status!.AppId!), e => Assert.Equal(apiId, e.ApiId));
    }

    private static JsonObject AppIdAnnotation(string appId) => new()
    {
        ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [WellKnownNames.Annotations.AppId] = appId } },
    };

    private static string Spec(string name, string appName, string? adoptionPolicy) => $$"""
        metadata:
          name: {{name}}
        spec:
          appName: {{appName}}
          categoryId: education
          {{(adoptionPolicy is null ? "" : "adoptionPolicy: " + adoptionPolicy)}}
          video: {}
        """;

    private long LastSequence() => fixture.Cpaas.Journal.Entries().LastOrDefault()?.Sequence ?? 0;

    /// <summary>The resource as <c>kubectl get -o yaml</c> shows it, then as a backup keeps it: no status, uid, resourceVersion, creationTimestamp, managedFields or generation.</summary>
    private async Task<JsonObject> ExportAsync(string ns, string name)
    {
        using var response = await new KubeApiTransport(fixture.Admin).SendAsync(
            HttpMethod.Get, $"apis/{WellKnownNames.Group}/{WellKnownNames.Version}/namespaces/{ns}/{WellKnownNames.Plural}/{name}", null, null, CancellationToken.None);
        var exported = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.NotNull(exported["status"]);
        exported.Remove("status");
        var metadata = exported["metadata"]!.AsObject();
        foreach (var field in new[] { "uid", "resourceVersion", "creationTimestamp", "managedFields", "generation" })
        {
            metadata.Remove(field);
        }

        Assert.NotNull(metadata["annotations"]?[WellKnownNames.Annotations.AppId]);
        return exported;
    }
}

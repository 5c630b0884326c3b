using System.Text.Json.Nodes;
using Cpaas.Operator.Entities;
using Cpaas.Operator.IntegrationTests.Infrastructure;
using Cpaas.Sandbox.Api;
using k8s;

namespace Cpaas.Operator.IntegrationTests;

/// <summary>docs/RECONCILE.md contract 1 to 5: observe, create once, diff and PATCH only what differs, the connection Secret, conditions.</summary>
public sealed class ProvisioningTests(OperatorFixture fixture) : IClassFixture<OperatorFixture>
{
    private const string Ready = WellKnownNames.ConditionTypes.Ready;
    private const string Synced = WellKnownNames.ConditionTypes.Synced;
    private const string True = WellKnownNames.ConditionStatus.True;
    private const string False = WellKnownNames.ConditionStatus.False;

    [Fact]
    public async Task Create_reaches_Ready_with_a_Secret_holding_the_stored_key_and_exactly_one_project()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.CreateProjectAsync(ns, """
            metadata:
              name: support-desk
            spec:
              appName: support-desk-create
              categoryId: customer-support
              shortDescription: Support desk
              video:
                notificationUrl: https://hooks.example.com/video
            """);

        var ready = await fixture.WaitForReadyAsync(ns, "support-desk");

        var stored = Assert.Single(fixture.Cpaas.Store.FindByName("support-desk-create"));
        Assert.Single(fixture.AddsNamed("support-desk-create"));
        Assert.Equal(stored.AppId, ready.Status!.AppId);
        Assert.Equal("customer-support", stored.CategoryId);
        Assert.Equal("Support desk", stored.ShortDesc);
        Assert.Equal("https://hooks.example.com/video", stored.Video["notification_url"]?.GetValue<string>());
        Assert.True(OperatorFixture.HasCondition(ready, Synced, True, WellKnownNames.Reasons.ReconcileSuccess));
        Assert.Equal(ready.Metadata.Generation, ready.Status.ObservedGeneration);
        Assert.Equal("support-desk-cpaas", ready.Status.ConnectionSecretName);
        Assert.Contains(WellKnownNames.Finalizer, ready.Metadata.Finalizers ?? []);
        Assert.False(ready.Metadata.Annotations?.ContainsKey(WellKnownNames.Annotations.PendingCreate) ?? false, "the pending-create marker is cleared");

        var secret = await fixture.GetSecretAsync(ns, "support-desk-cpaas");
        Assert.NotNull(secret);
        Assert.Equal(stored.AppId, OperatorFixture.SecretValue(secret, WellKnownNames.ConnectionSecretKeys.AppId));
        Assert.Equal(stored.AppKey, OperatorFixture.SecretValue(secret, WellKnownNames.ConnectionSecretKeys.AppKey));
        Assert.False(secret.Data!.ContainsKey(WellKnownNames.ConnectionSecretKeys.HostMeetingUrl), "no embed: no host_meeting_url");
        var owner = Assert.Single(secret.Metadata.OwnerReferences);
        Assert.Equal(ready.Metadata.Uid, owner.Uid);
        Assert.Equal(WellKnownNames.Kind, owner.Kind);
        Assert.True(owner.Controller);
        Assert.Equal(WellKnownNames.Labels.ManagedByValue, secret.Metadata.Labels[WellKnownNames.Labels.ManagedBy]);
        await fixture.WaitForEventAsync(ns, "support-desk", "ProjectCreated");
    }

    [Fact]
    public async Task The_default_app_name_is_the_resource_name_and_is_never_written_into_spec()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var name = "default-name-" + ns;
        await fixture.CreateProjectAsync(ns, $$"""
            metadata:
              name: {{name}}
            spec:
              categoryId: education
              video: {}
            """);

        var ready = await fixture.WaitForReadyAsync(ns, name);

        Assert.Equal(ready.Status!.AppId, Assert.Single(fixture.Cpaas.Store.FindByName(name)).AppId);
        Assert.Null(ready.Spec.AppName);
        Assert.Equal(1, ready.Metadata.Generation);
    }

    [Fact]
    public async Task The_operators_own_writes_cause_no_further_CPaaS_calls()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.CreateProjectAsync(ns, """
            metadata:
              name: quiet
            spec:
              appName: quiet-project
              categoryId: education
              video:
                notificationUrl: https://hooks.example.com/quiet
            """);
        var ready = await fixture.WaitForReadyAsync(ns, "quiet");
        var appId = ready.Status!.AppId!;

        // Barrier: the pause annotation is seen after every watch event the operator's own writes (finalizer,
        // marker, status, Secret) produced, and its reconcile is serialized after theirs. Once Paused shows,
        // any call those writes could have caused has been made.
        await fixture.PatchProjectAsync(ns, "quiet", """{"metadata":{"annotations":{"cpaas.enablex.io/paused":"true"}}}""");
        await fixture.WaitForConditionAsync(ns, "quiet", Synced, False, WellKnownNames.Reasons.Paused);

        Assert.Single(fixture.AddsNamed("quiet-project"));
        var calls = fixture.JournalFor(appId);
        Assert.Equal([SandboxOperation.AddProject, SandboxOperation.PatchVideo], calls.Select(e => e.Operation));
    }

    [Fact]
    public async Task A_spec_change_patches_only_the_changed_key()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.CreateProjectAsync(ns, """
            metadata:
              name: changing
            spec:
              appName: changing-project
              categoryId: education
              shortDescription: Before
              video:
                notificationUrl: https://hooks.example.com/before
                sip:
                  serverUrl: sip.example.com
                  username: changing
            """);
        var ready = await fixture.WaitForReadyAsync(ns, "changing");
        var appId = ready.Status!.AppId!;
        var before = fixture.JournalFor(appId).Count;

        await fixture.PatchProjectAsync(ns, "changing", """{"spec":{"video":{"notificationUrl":"https://hooks.example.com/after"}}}""");
        await fixture.WaitForProjectAsync(ns, "changing", p => p?.Status?.ObservedGeneration == 2 && OperatorFixture.HasCondition(p, Ready, True), "Ready at generation 2");

        var calls = fixture.JournalFor(appId).Skip(before).ToList();
        Assert.Equal([SandboxOperation.GetProject, SandboxOperation.PatchVideo], calls.Select(e => e.Operation));
        var body = OperatorFixture.BodyJson(calls[1])!;
        Assert.Equal(["notification_url"], body.Select(p => p.Key));
        Assert.Equal("https://hooks.example.com/after", fixture.Cpaas.Store.Find(appId)!.Video["notification_url"]!.GetValue<string>());
        Assert.Equal("changing", fixture.Cpaas.Store.Find(appId)!.Video["sip"]!["username"]!.GetValue<string>());
    }

    [Fact]
    public async Task Adoption_by_spec_appId_creates_nothing_and_patches_only_what_differs()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var (appId, appKey) = await fixture.CreateProjectInCpaasAsync("legacy-project", "education");
        await fixture.CreateProjectAsync(ns, $$"""
            metadata:
              name: legacy
            spec:
              appId: {{appId}}
              appName: legacy-project
              categoryId: education
              shortDescription: Adopted by the operator
              video:
                notificationUrl: https://hooks.example.com/legacy
            """);

        var ready = await fixture.WaitForReadyAsync(ns, "legacy");

        Assert.Equal(appId, ready.Status!.AppId);
        Assert.DoesNotContain(fixture.Cpaas.Journal.Entries(), e => e.Operation == SandboxOperation.AddProject && e.UserAgent?.StartsWith("cpaas-operator", StringComparison.Ordinal) == true && OperatorFixture.BodyString(e, "app_name") == "legacy-project");
        Assert.Single(fixture.Cpaas.Store.FindByName("legacy-project"));
        var calls = fixture.JournalFor(appId);
        var edit = Assert.Single(calls, e => e.Operation == SandboxOperation.EditProject);
        Assert.Equal(["short_desc"], OperatorFixture.BodyJson(edit)!.Select(p => p.Key));
        var video = Assert.Single(calls, e => e.Operation == SandboxOperation.PatchVideo);
        Assert.Equal(["notification_url"], OperatorFixture.BodyJson(video)!.Select(p => p.Key));
        var secret = await fixture.GetSecretAsync(ns, "legacy-cpaas");
        Assert.Equal(appKey, OperatorFixture.SecretValue(secret, WellKnownNames.ConnectionSecretKeys.AppKey));
    }

    [Fact]
    public async Task A_second_resource_claiming_the_same_appId_gets_AlreadyManaged_and_makes_no_call()
    {
        var first = await fixture.CreateNamespaceAsync();
        var second = await fixture.CreateNamespaceAsync();
        var (appId, _) = await fixture.CreateProjectInCpaasAsync("claimed-project");
        const string Spec = """
            spec:
              appId: {APP}
              appName: claimed-project
              categoryId: education
              video: {}
            """;
        await fixture.CreateProjectAsync(first, YamlJson.Single("metadata:\n  name: owner\n" + Spec.Replace("{APP}", appId, StringComparison.Ordinal)));
        await fixture.WaitForReadyAsync(first, "owner");
        var callsBefore = fixture.JournalFor(appId).Count;

        await fixture.CreateProjectAsync(second, YamlJson.Single("metadata:\n  name: intruder\n" + Spec.Replace("{APP}", appId, StringComparison.Ordinal)));
        var intruder = await fixture.WaitForConditionAsync(second, "intruder", Ready, False, WellKnownNames.Reasons.AlreadyManaged);

        Assert.Contains($"{first}/owner", Condition(intruder, Ready).Message, StringComparison.Ordinal);
        Assert.Null(intruder.Status?.AppId);
        Assert.Equal(callsBefore, fixture.JournalFor(appId).Count);
        Assert.Null(await fixture.GetSecretAsync(second, "intruder-cpaas"));
        Assert.True(OperatorFixture.HasCondition(await fixture.GetProjectAsync(first, "owner"), Ready, True), "the first keeps it");
    }

    [Fact]
    public async Task A_secret_reference_to_a_Secret_of_another_namespace_gives_SecretRefInvalid_and_no_call()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var other = await fixture.CreateNamespaceAsync();
        await fixture.CreateSecretAsync(other, "sip-credentials", new Dictionary<string, string> { ["password"] = "other-namespace-sip-password" });
        await fixture.CreateProjectAsync(ns, """
            metadata:
              name: borrower
            spec:
              appName: borrower-project
              categoryId: education
              video:
                sip:
                  serverUrl: sip.example.com
                  username: borrower
                  passwordSecretRef:
                    name: sip-credentials
                    key: password
            """);

        var failed = await fixture.WaitForConditionAsync(ns, "borrower", Ready, False, WellKnownNames.Reasons.SecretRefInvalid);

        Assert.Contains("sip-credentials", Condition(failed, Ready).Message, StringComparison.Ordinal);
        Assert.DoesNotContain("other-namespace-sip-password", OperatorFixture.Serialize(failed), StringComparison.Ordinal);
        Assert.Empty(fixture.AddsNamed("borrower-project"));
        Assert.Empty(fixture.Cpaas.Store.FindByName("borrower-project"));
    }

    [Fact]
    public async Task Credentials_from_a_Secret_of_another_namespace_are_never_used()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var other = await fixture.CreateNamespaceAsync();
        var apiId = "team-" + other;
        fixture.Cpaas.AddAccount(apiId, "team-account-key-" + Guid.NewGuid().ToString("N"), isAdmin: false, customerId: fixture.Cpaas.CustomerAccount.CustomerId);
        await fixture.CreateSecretAsync(other, "team-account", new Dictionary<string, string> { ["api_id"] = apiId, ["api_key"] = fixture.Cpaas.Accounts.Single(a => a.ApiId == apiId).ApiKey });
        await fixture.CreateProjectAsync(ns, """
            metadata:
              name: credential-borrower
            spec:
              appName: credential-borrower-project
              categoryId: education
              credentialsSecretRef:
                name: team-account
              video: {}
            """);

        var failed = await fixture.WaitForProjectAsync(ns, "credential-borrower",
            p => OperatorFixture.Condition(p, Ready) is { Status: False, Reason: WellKnownNames.Reasons.CredentialsMissing or WellKnownNames.Reasons.SecretRefInvalid },
            "Ready=False because the credentials Secret is not in the resource's namespace");

        Assert.Contains("team-account", Condition(failed, Ready).Message, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Cpaas.Journal.Entries(), e => e.ApiId == apiId);
        Assert.Empty(fixture.AddsNamed("credential-borrower-project"));
    }

    [Fact]
    public async Task A_resource_using_its_own_credentials_Secret_creates_the_project_with_that_account()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var apiId = "own-" + ns;
        var apiKey = "own-account-key-" + Guid.NewGuid().ToString("N");
        fixture.Cpaas.AddCustomer("cust-" + ns, "Own Customer");
        fixture.Cpaas.AddAccount(apiId, apiKey, isAdmin: false, customerId: "cust-" + ns);
        await fixture.CreateSecretAsync(ns, "own-account", new Dictionary<string, string> { ["api_id"] = apiId, ["api_key"] = apiKey });
        await fixture.CreateProjectAsync(ns, """
            metadata:
              name: own-credentials
            spec:
              appName: own-credentials-project
              categoryId: education
              credentialsSecretRef:
                name: own-account
              video: {}
            """);

        var ready = await fixture.WaitForReadyAsync(ns, "own-credentials");

        var stored = Assert.Single(fixture.Cpaas.Store.FindByName("own-credentials-project"));
        Assert.Equal("cust-" + ns, stored.CustomerId);
        Assert.Equal(stored.AppId, ready.Status!.AppId);
        Assert.All(fixture.AddsNamed("own-credentials-project"), e => Assert.Equal(apiId, e.ApiId));
    }

    [Fact]
    public async Task A_resource_paused_from_the_start_makes_no_call_until_unpaused()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.CreateProjectAsync(ns, """
            metadata:
              name: paused
              annotations:
                cpaas.enablex.io/paused: "true"
            spec:
              appName: paused-project
              categoryId: education
              video: {}
            """);

        var paused = await fixture.WaitForConditionAsync(ns, "paused", Synced, False, WellKnownNames.Reasons.Paused);
        Assert.Null(paused.Status?.AppId);
        Assert.Empty(fixture.AddsNamed("paused-project"));

        await fixture.PatchProjectAsync(ns, "paused", """{"metadata":{"annotations":{"cpaas.enablex.io/paused":null}}}""");
        var ready = await fixture.WaitForReadyAsync(ns, "paused");
        Assert.True(OperatorFixture.HasCondition(ready, Synced, True));
        Assert.Single(fixture.AddsNamed("paused-project"));
    }

    [Fact]
    public async Task Pausing_a_converged_resource_stops_every_call_and_unpausing_applies_the_spec()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.CreateProjectAsync(ns, """
            metadata:
              name: pausable
            spec:
              appName: pausable-project
              categoryId: education
              shortDescription: One
              video: {}
            """);
        var appId = (await fixture.WaitForReadyAsync(ns, "pausable")).Status!.AppId!;
        var before = fixture.JournalFor(appId).Count;

        await fixture.PatchProjectAsync(ns, "pausable", """{"metadata":{"annotations":{"cpaas.enablex.io/paused":"true"}}}""");
        await fixture.WaitForConditionAsync(ns, "pausable", Synced, False, WellKnownNames.Reasons.Paused);
        await fixture.PatchProjectAsync(ns, "pausable", """{"spec":{"shortDescription":"Two"}}""");
        await fixture.WaitForProjectAsync(ns, "pausable",
            p => OperatorFixture.Condition(p, Synced) is { Reason: WellKnownNames.Reasons.Paused } c && c.ObservedGeneration == p!.Metadata.Generation && p.Metadata.Generation == 2,
            "Synced=False/Paused for generation 2");

        Assert.Equal(before, fixture.JournalFor(appId).Count);
        Assert.Equal("One", fixture.Cpaas.Store.Find(appId)!.ShortDesc);

        await fixture.PatchProjectAsync(ns, "pausable", """{"metadata":{"annotations":{"cpaas.enablex.io/paused":"false"}}}""");
        await fixture.WaitForProjectAsync(ns, "pausable", p => OperatorFixture.HasCondition(p, Synced, True) && OperatorFixture.HasCondition(p, Ready, True), "Synced and Ready after unpausing");
        Assert.Equal("Two", fixture.Cpaas.Store.Find(appId)!.ShortDesc);
    }

    [Fact]
    public async Task A_marker_with_several_unclaimed_projects_of_that_name_gives_AmbiguousProject_and_no_create_until_a_person_removes_it()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var first = await fixture.CreateProjectInCpaasAsync("ambiguous-project");
        var second = await fixture.CreateProjectInCpaasAsync("ambiguous-project");
        var marker = new JsonObject { ["time"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), ["appName"] = "ambiguous-project" };
        await fixture.CreateProjectAsync(ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "ambiguous", ["annotations"] = new JsonObject { [WellKnownNames.Annotations.PendingCreate] = marker.ToJsonString() } },
            ["spec"] = new JsonObject { ["appName"] = "ambiguous-project", ["categoryId"] = "education", ["video"] = new JsonObject() },
        });

        var failed = await fixture.WaitForConditionAsync(ns, "ambiguous", Ready, False, WellKnownNames.Reasons.AmbiguousProject);

        Assert.Contains(first.AppId, Condition(failed, Ready).Message, StringComparison.Ordinal);
        Assert.Contains(second.AppId, Condition(failed, Ready).Message, StringComparison.Ordinal);
        Assert.Equal(2, fixture.Cpaas.Store.FindByName("ambiguous-project").Count);
        Assert.DoesNotContain(fixture.Cpaas.Journal.Entries(), e => e.Operation == SandboxOperation.AddProject && e.UserAgent?.StartsWith("cpaas-operator", StringComparison.Ordinal) == true && OperatorFixture.BodyString(e, "app_name") == "ambiguous-project");

        // A person does what the message says: removing the marker wakes the reconciler (the event filter ignores
        // the operator's own marker writes, not this) and a new project is created without waiting for a resync.
        var removeMarker = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [WellKnownNames.Annotations.PendingCreate] = null } } };
        await fixture.PatchProjectAsync(ns, "ambiguous", removeMarker.ToJsonString());
        var ready = await fixture.WaitForReadyAsync(ns, "ambiguous");

        Assert.Equal(3, fixture.Cpaas.Store.FindByName("ambiguous-project").Count);
        Assert.DoesNotContain(ready.Status!.AppId, new[] { first.AppId, second.AppId });
    }

    [Fact]
    public async Task A_lost_add_response_is_recovered_through_the_marker_without_a_second_project()
    {
        var ns = await fixture.CreateNamespaceAsync();
        fixture.Cpaas.Faults.LoseNextResponsesAfterCommit(1);
        await fixture.CreateProjectAsync(ns, """
            metadata:
              name: lost-response
            spec:
              appName: lost-response-project
              categoryId: education
              video: {}
            """);

        var ready = await fixture.WaitForReadyAsync(ns, "lost-response");

        var stored = Assert.Single(fixture.Cpaas.Store.FindByName("lost-response-project"));
        Assert.Equal(stored.AppId, ready.Status!.AppId);
        Assert.Single(fixture.AddsNamed("lost-response-project"));
        var secret = await fixture.GetSecretAsync(ns, "lost-response-cpaas");
        Assert.Equal(stored.AppKey, OperatorFixture.SecretValue(secret, WellKnownNames.ConnectionSecretKeys.AppKey));
        await fixture.WaitForEventAsync(ns, "lost-response", "ProjectRecovered");
    }

    [Fact]
    public async Task A_changed_password_in_a_referenced_Secret_is_applied_once_with_only_that_key()
    {
        var (ns, appId, hashes) = await CreateSipProjectAsync("sip-user");
        var before = fixture.Cpaas.Journal.Entries().Last().Sequence;

        await ChangeSipPasswordAsync(ns, "second-sip-password");

        await WaitForAppliedAsync(ns, "sip-user", hashes);
        await PauseAsBarrierAsync(ns, "sip-user");
        var patch = Assert.Single(fixture.JournalFor(appId), e => e.Sequence > before && e.Operation != SandboxOperation.GetProject);
        Assert.Equal(SandboxOperation.PatchVideo, patch.Operation);
        Assert.Equal("""{"sip":{"password":"***"}}""", OperatorFixture.BodyJson(patch)!.ToJsonString());
        Assert.Equal("second-sip-password", fixture.Cpaas.Store.Find(appId)!.Video["sip"]!["password"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_conflict_on_the_status_write_after_a_PATCH_does_not_make_the_operator_apply_it_again()
    {
        var (ns, appId, hashes) = await CreateSipProjectAsync("sip-conflict");
        var before = fixture.Cpaas.Journal.Entries().Last().Sequence;

        // Someone else (a user, kubectl, Argo CD) changes the object between the PATCH and the status write.
        fixture.Kube.Faults.Inject("update", "cpaasprojects/status", 409);
        await ChangeSipPasswordAsync(ns, "conflicting-sip-password");

        await WaitForAppliedAsync(ns, "sip-conflict", hashes);
        await PauseAsBarrierAsync(ns, "sip-conflict");
        var writes = fixture.JournalFor(appId).Where(e => e.Sequence > before && e.Operation != SandboxOperation.GetProject).ToList();
        Assert.True(writes.Count == 1, $"the new password was PATCHed {writes.Count} times: {string.Join(", ", writes.Select(w => $"{w.Sequence} {w.Operation} {w.Body}"))}");
    }

    [Fact]
    public async Task A_status_write_that_keeps_failing_right_after_the_add_is_recovered_by_adoption_not_by_a_second_add()
    {
        var ns = await fixture.CreateNamespaceAsync();

        // Every attempt to record status.appId after the POST is refused: the project exists, the resource does not say so.
        fixture.Kube.Faults.Inject("patch", "cpaasprojects/status", 409, count: 3);
        await fixture.CreateProjectAsync(ns, """
            metadata:
              name: appid-refused
            spec:
              appName: appid-refused-project
              categoryId: education
              video:
                notificationUrl: https://hooks.example.com/appid-refused
            """);

        var ready = await fixture.WaitForReadyAsync(ns, "appid-refused");
        var project = Assert.Single(fixture.Cpaas.Store.FindByName("appid-refused-project"));
        Assert.Single(fixture.AddsNamed("appid-refused-project"));
        Assert.Equal(project.AppId, ready.Status!.AppId);
        await fixture.WaitForEventAsync(ns, "appid-refused", "ProjectRecovered");
    }

    private async Task<(string Namespace, string AppId, AppliedInputDigestsStatus? Digests)> CreateSipProjectAsync(string name)
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.CreateSecretAsync(ns, "sip", new Dictionary<string, string> { ["password"] = "first-sip-password" });
        await fixture.CreateProjectAsync(ns, TestProjects.SipPasswordFromSecret(name, $"{name}-project"));
        var ready = await fixture.WaitForReadyAsync(ns, name);
        Assert.Equal("first-sip-password", fixture.Cpaas.Store.Find(ready.Status!.AppId!)!.Video["sip"]!["password"]!.GetValue<string>());
        Assert.NotNull(ready.Status.AppliedInputDigests);
        Assert.Null(ready.Status.AppliedInputHashes);
        return (ns, ready.Status.AppId!, ready.Status.AppliedInputDigests);
    }

    private Task ChangeSipPasswordAsync(string ns, string password) =>
        fixture.Admin.CoreV1.PatchNamespacedSecretAsync(
            new k8s.Models.V1Patch(new JsonObject { ["stringData"] = new JsonObject { ["password"] = password } }.ToJsonString(), k8s.Models.V1Patch.PatchType.MergePatch), "sip", ns);

    private Task WaitForAppliedAsync(string ns, string name, AppliedInputDigestsStatus? previous) =>
        fixture.WaitForProjectAsync(ns, name,
            p => OperatorFixture.HasCondition(p, Ready, True) && p!.Status!.AppliedInputDigests is { } now && now != previous,
            "Ready with the new password's digest in status");

    /// <summary>See The_operators_own_writes_cause_no_further_CPaaS_calls: once Paused shows, earlier triggers were handled.</summary>
    private async Task PauseAsBarrierAsync(string ns, string name)
    {
        await fixture.PatchProjectAsync(ns, name, """{"metadata":{"annotations":{"cpaas.enablex.io/paused":"true"}}}""");
        await fixture.WaitForConditionAsync(ns, name, Synced, False, WellKnownNames.Reasons.Paused);
    }

    private static k8s.Models.V1Condition Condition(CpaasProject? project, string type) =>
        OperatorFixture.Condition(project, type) ?? throw new Xunit.Sdk.XunitException($"no {type} condition");
}

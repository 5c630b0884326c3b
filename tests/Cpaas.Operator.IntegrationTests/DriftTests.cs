using Cpaas.Operator.Entities;
using Cpaas.Operator.IntegrationTests.Infrastructure;
using Cpaas.Sandbox.Api;

namespace Cpaas.Operator.IntegrationTests;

/// <summary>
/// docs/RECONCILE.md contract 7 (drift repaired at each resync), 3 (only what differs), 4 (key changed out of band)
/// and 1 (a project removed out of band): the operator re-observes every two seconds here.
/// </summary>
public sealed class DriftTests(FastResyncOperatorFixture fixture) : IClassFixture<FastResyncOperatorFixture>
{
    private const string Ready = WellKnownNames.ConditionTypes.Ready;
    private const string True = WellKnownNames.ConditionStatus.True;

    [Fact]
    public async Task An_out_of_band_edit_of_a_service_key_is_reverted_at_the_next_resync_with_only_that_key()
    {
        var (ns, appId) = await CreateReadyAsync("drift-video");
        var sequence = LastSequence();

        fixture.Cpaas.Store.Mutate(appId, p => p.Video["notification_url"] = "https://attacker.example.com/hook");

        await fixture.WaitForJournalAsync(e => e.Any(x => x.Sequence > sequence && x.AppId == appId && x.Operation == SandboxOperation.PatchVideo), "the PATCH video that reverts the drift");
        var repaired = await fixture.WaitForProjectAsync(ns, "drift-video", p => p?.Status?.LastDriftRepair?.Fields?.Count > 0, "status.lastDriftRepair");

        var writes = fixture.JournalFor(appId).Where(e => e.Sequence > sequence && e.Operation != SandboxOperation.GetProject).ToList();
        var patch = Assert.Single(writes);
        Assert.Equal(SandboxOperation.PatchVideo, patch.Operation);
        Assert.Equal(["notification_url"], OperatorFixture.BodyJson(patch)!.Select(p => p.Key));
        Assert.Equal("https://hooks.example.com/drift-video", fixture.Cpaas.Store.Find(appId)!.Video["notification_url"]!.GetValue<string>());
        Assert.Equal(["video.notificationUrl"], repaired!.Status!.LastDriftRepair!.Fields);
        Assert.NotNull(repaired.Status.LastDriftRepair.Time);
        Assert.True(OperatorFixture.HasCondition(repaired, Ready, True));
        await fixture.WaitForEventAsync(ns, "drift-video", "DriftRepaired");
    }

    [Fact]
    public async Task An_out_of_band_edit_of_the_description_is_reverted_through_Edit_with_only_that_key()
    {
        var (ns, appId) = await CreateReadyAsync("drift-desc");
        var sequence = LastSequence();

        fixture.Cpaas.Store.Mutate(appId, p => p.ShortDesc = "changed in the portal");

        await fixture.WaitForJournalAsync(e => e.Any(x => x.Sequence > sequence && x.AppId == appId && x.Operation == SandboxOperation.EditProject), "the Edit that reverts the drift");
        var repaired = await fixture.WaitForProjectAsync(ns, "drift-desc", p => p?.Status?.LastDriftRepair?.Fields?.Count > 0, "status.lastDriftRepair");

        var edit = Assert.Single(fixture.JournalFor(appId), e => e.Sequence > sequence && e.Operation != SandboxOperation.GetProject);
        Assert.Equal(["short_desc"], OperatorFixture.BodyJson(edit)!.Select(p => p.Key));
        Assert.Equal("Managed description", fixture.Cpaas.Store.Find(appId)!.ShortDesc);
        Assert.Equal(["shortDescription"], repaired!.Status!.LastDriftRepair!.Fields);
    }

    [Fact]
    public async Task Fields_absent_from_the_spec_are_not_managed()
    {
        var (_, appId) = await CreateReadyAsync("unmanaged");
        fixture.Cpaas.Store.Mutate(appId, p => p.Description = "written by someone else");
        var sequence = LastSequence();

        await WaitForResyncsAsync(appId, sequence, 2);

        Assert.DoesNotContain(fixture.JournalFor(appId), e => e.Sequence > sequence && e.Operation != SandboxOperation.GetProject);
        Assert.Equal("written by someone else", fixture.Cpaas.Store.Find(appId)!.Description);
    }

    [Fact]
    public async Task A_key_changed_out_of_band_reaches_the_Secret_at_the_next_resync()
    {
        var (ns, appId) = await CreateReadyAsync("key-drift");
        var sequence = LastSequence();

        fixture.Cpaas.Store.Mutate(appId, p => p.AppKey = "rotatedoutofband0000000000000000000000000");

        await fixture.WaitForSecretAsync(ns, "key-drift-cpaas",
            s => OperatorFixture.SecretValue(s, WellKnownNames.ConnectionSecretKeys.AppKey) == "rotatedoutofband0000000000000000000000000",
            "the Secret with the key GET returns");
        Assert.DoesNotContain(fixture.JournalFor(appId), e => e.Sequence > sequence && e.Operation != SandboxOperation.GetProject);
    }

    [Fact]
    public async Task A_project_removed_out_of_band_gives_ProjectNotFound_and_is_never_created_again()
    {
        var (ns, appId) = await CreateReadyAsync("vanished");

        // No removal exists in the sandbox: moving the project to another customer makes the operator's customer
        // account get exactly what a removed project answers (1007).
        fixture.Cpaas.AddCustomer("cust-vanished", "Elsewhere");
        fixture.Cpaas.Store.Mutate(appId, p => p.CustomerId = "cust-vanished");

        var failed = await fixture.WaitForConditionAsync(ns, "vanished", Ready, WellKnownNames.ConditionStatus.False, WellKnownNames.Reasons.ProjectNotFound);
        Assert.Equal(appId, failed.Status!.AppId);
        Assert.Contains("1007", OperatorFixture.Condition(failed, Ready)!.Message, StringComparison.Ordinal);

        // Keep looking for two more resyncs: still no second project.
        await fixture.WaitForJournalAsync(e => e.Count(x => x.AppId == appId && x.Result == "1007") >= 3, "three 1007 answers (the project keeps being observed)", TimeSpan.FromSeconds(30));
        Assert.Single(fixture.AddsNamed("vanished-project"));
        Assert.Single(fixture.Cpaas.Store.FindByName("vanished-project"));
    }

    [Fact]
    public async Task An_unavailable_API_is_reported_on_Synced_while_a_converged_project_stays_Ready_and_recovers()
    {
        var (ns, appId) = await CreateReadyAsync("outage");

        fixture.Cpaas.Faults.Operations = new HashSet<SandboxOperation> { SandboxOperation.GetProject };
        fixture.Cpaas.Faults.ErrorRate = 1.0;
        try
        {
            var during = await fixture.WaitForConditionAsync(ns, "outage", WellKnownNames.ConditionTypes.Synced, WellKnownNames.ConditionStatus.False, WellKnownNames.Reasons.ApiUnavailable);
            Assert.True(OperatorFixture.HasCondition(during, Ready, True), "a passing outage does not make a converged project unready");
        }
        finally
        {
            fixture.Cpaas.Faults.Clear();
        }

        await fixture.WaitForConditionAsync(ns, "outage", WellKnownNames.ConditionTypes.Synced, True);
        Assert.Single(fixture.Cpaas.Store.FindByName("outage-project"));
        Assert.Single(fixture.AddsNamed("outage-project"));
        Assert.Contains(fixture.JournalFor(appId), e => e.Fault == "server_error");
    }

    private long LastSequence() => fixture.Cpaas.Journal.Entries().LastOrDefault()?.Sequence ?? 0;

    private Task WaitForResyncsAsync(string appId, long afterSequence, int count) =>
        fixture.WaitForJournalAsync(e => e.Count(x => x.Sequence > afterSequence && x.AppId == appId && x.Operation == SandboxOperation.GetProject) >= count, $"{count} resync GETs of {appId}");

    private async Task<(string Namespace, string AppId)> CreateReadyAsync(string name)
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.CreateProjectAsync(ns, $$"""
            metadata:
              name: {{name}}
            spec:
              appName: {{name}}-project
              categoryId: education
              shortDescription: Managed description
              video:
                notificationUrl: https://hooks.example.com/{{name}}
            """);
        var ready = await fixture.WaitForReadyAsync(ns, name);
        return (ns, ready.Status!.AppId!);
    }
}

using Cpaas.Operator.Entities;
using Cpaas.Operator.IntegrationTests.Infrastructure;
using Cpaas.Sandbox.Api;
using Cpaas.Sandbox.Portal;

namespace Cpaas.Operator.IntegrationTests;

/// <summary>
/// docs/RECONCILE.md, "Observe only", with the drift sweep (every second, full observes an hour away): a portal edit
/// of an observed project shows in status.driftedFields within one sweep, and nothing is written to the project.
/// </summary>
public sealed class ObserveSweepTests(DriftSweepFixture fixture) : IClassFixture<DriftSweepFixture>
{
    [Fact]
    public async Task A_portal_edit_of_an_observed_project_shows_in_driftedFields_within_one_sweep()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var appName = "observed-sweep-" + ns;
        var (appId, _) = await fixture.CreateProjectInCpaasAsync(appName);
        await fixture.CreateProjectAsync(ns, $$"""
            metadata:
              name: observed-sweep
            spec:
              appName: {{appName}}
              managementPolicy: Observe
              categoryId: education
              video: {}
            """);
        var inSync = await fixture.WaitForConditionAsync(ns, "observed-sweep", WellKnownNames.ConditionTypes.Synced, WellKnownNames.ConditionStatus.True);
        Assert.Null(inSync.Status!.DriftedFields);
        var sequence = DriftSweepSupport.LastSequence(fixture);

        fixture.Cpaas.Portal.Edit(appId, new PortalEdit { CategoryId = "banking" });

        var drifted = await fixture.WaitForConditionAsync(ns, "observed-sweep", WellKnownNames.ConditionTypes.Synced, WellKnownNames.ConditionStatus.False, WellKnownNames.Reasons.Drifted);
        Assert.Equal(["categoryId"], drifted.Status!.DriftedFields!);
        Assert.True(OperatorFixture.HasCondition(drifted, WellKnownNames.ConditionTypes.Ready, WellKnownNames.ConditionStatus.True));
        var get = fixture.JournalFor(appId).First(e => e.Sequence > sequence && e.Operation == SandboxOperation.GetProject);
        DriftSweepSupport.AssertWithinOneSweep(fixture, sequence, get.Sequence);
        Assert.All(fixture.JournalFor(appId), e => Assert.True(e.Operation is SandboxOperation.GetProject or SandboxOperation.AddProject, $"{e.Method} {e.Path}: Observe only reads"));
        Assert.Equal("banking", fixture.Cpaas.Store.Find(appId)!.CategoryId);
    }
}

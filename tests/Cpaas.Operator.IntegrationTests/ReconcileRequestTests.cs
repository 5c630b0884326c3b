using System.Text.Json.Nodes;
using Cpaas.Operator.Entities;
using Cpaas.Operator.IntegrationTests.Infrastructure;
using Cpaas.Sandbox.Api;

namespace Cpaas.Operator.IntegrationTests;

/// <summary>
/// docs/RECONCILE.md, "On-demand reconcile": a new value of the annotation cpaas.enablex.io/reconcile-requested-at
/// makes one full reconcile (one GET even when nothing is due; a terminal resource is tried again) and is echoed in
/// status.lastHandledReconcileAt. Full observes are ten minutes away here, so every GET below is the request's.
/// </summary>
public sealed class ReconcileRequestTests(OperatorFixture fixture) : IClassFixture<OperatorFixture>
{
    [Fact]
    public async Task A_request_retries_a_resource_stopped_on_CategoryInvalid_once_the_category_exists()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var category = "later-" + ns;
        var appName = "requested-" + ns;
        await fixture.CreateProjectAsync(ns, $$"""
            metadata:
              name: requested
            spec:
              appName: {{appName}}
              categoryId: {{category}}
              video: {}
            """);
        var failed = await fixture.WaitForConditionAsync(ns, "requested", WellKnownNames.ConditionTypes.Stalled, WellKnownNames.ConditionStatus.True, WellKnownNames.Reasons.CategoryInvalid);
        Assert.Null(failed.Status!.LastHandledReconcileAt);

        // Fixed outside the spec: nothing tells the operator, so the resource stays as it is until asked.
        fixture.Cpaas.AddCategory(category, "Added after the resource");
        Assert.Single(fixture.AddsNamed(appName));
        var requestedAt = DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await fixture.PatchProjectAsync(ns, "requested", Request(requestedAt));

        var ready = await fixture.WaitForProjectAsync(ns, "requested",
            p => OperatorFixture.HasCondition(p, WellKnownNames.ConditionTypes.Ready, WellKnownNames.ConditionStatus.True) && p!.Status!.LastHandledReconcileAt == requestedAt,
            "Ready with the request echoed");
        Assert.Equal(failed.Metadata.Generation, ready!.Metadata.Generation);
        Assert.Equal(2, fixture.AddsNamed(appName).Count);
        Assert.Equal(ready.Status!.AppId, Assert.Single(fixture.Cpaas.Store.FindByName(appName)).AppId);
        Assert.Null(OperatorFixture.Condition(ready, WellKnownNames.ConditionTypes.Stalled));
    }

    [Fact]
    public async Task A_request_on_a_Ready_resource_makes_one_GET_and_is_echoed()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.CreateProjectAsync(ns, $$"""
            metadata:
              name: poked
            spec:
              appName: poked-{{ns}}
              categoryId: education
              video: {}
            """);
        var ready = await fixture.WaitForReadyAsync(ns, "poked");
        var appId = ready.Status!.AppId!;
        var sequence = fixture.Cpaas.Journal.Entries().LastOrDefault()?.Sequence ?? 0;

        await fixture.PatchProjectAsync(ns, "poked", Request("first"));
        await fixture.WaitForProjectAsync(ns, "poked", p => p?.Status?.LastHandledReconcileAt == "first", "the first request echoed");
        await fixture.PatchProjectAsync(ns, "poked", Request("second"));
        var handled = await fixture.WaitForProjectAsync(ns, "poked", p => p?.Status?.LastHandledReconcileAt == "second", "the second request echoed");

        Assert.True(OperatorFixture.HasCondition(handled, WellKnownNames.ConditionTypes.Ready, WellKnownNames.ConditionStatus.True));
        var calls = fixture.JournalFor(appId).Where(e => e.Sequence > sequence).ToList();
        Assert.Equal([SandboxOperation.GetProject, SandboxOperation.GetProject], calls.Select(e => e.Operation));
    }

    [Fact]
    public async Task A_request_made_while_paused_is_handled_when_resumed_not_while_paused()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.CreateProjectAsync(ns, $$"""
            metadata:
              name: paused-poke
            spec:
              appName: paused-poke-{{ns}}
              categoryId: education
              video: {}
            """);
        var appId = (await fixture.WaitForReadyAsync(ns, "paused-poke")).Status!.AppId!;
        await fixture.PatchProjectAsync(ns, "paused-poke", Paused("true"));
        await fixture.WaitForConditionAsync(ns, "paused-poke", WellKnownNames.ConditionTypes.Synced, WellKnownNames.ConditionStatus.False, WellKnownNames.Reasons.Paused);

        await fixture.PatchProjectAsync(ns, "paused-poke", Request("while-paused"));
        // A spec change after it: once Paused shows for the new generation, a reconcile has seen the request.
        await fixture.PatchProjectAsync(ns, "paused-poke", """{"spec":{"description":"changed while paused"}}""");
        var paused = await fixture.WaitForConditionAsync(ns, "paused-poke", WellKnownNames.ConditionTypes.Synced, WellKnownNames.ConditionStatus.False, WellKnownNames.Reasons.Paused);
        Assert.Null(paused.Status!.LastHandledReconcileAt);
        var sequence = fixture.Cpaas.Journal.Entries().LastOrDefault()?.Sequence ?? 0;

        await fixture.PatchProjectAsync(ns, "paused-poke", Paused(null));

        var handled = await fixture.WaitForProjectAsync(ns, "paused-poke",
            p => OperatorFixture.HasCondition(p, WellKnownNames.ConditionTypes.Ready, WellKnownNames.ConditionStatus.True) && p!.Status!.LastHandledReconcileAt == "while-paused",
            "Ready with the request echoed after resuming");
        Assert.Equal(paused.Metadata.Generation, handled!.Status!.ObservedGeneration);
        Assert.Contains(fixture.JournalFor(appId), e => e.Sequence > sequence && e.Operation == SandboxOperation.GetProject);
    }

    private static JsonObject Paused(string? value) => new()
    {
        ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [WellKnownNames.Annotations.Paused] = value } },
    };

    private static JsonObject Request(string value) => new()
    {
        ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [WellKnownNames.Annotations.ReconcileRequestedAt] = value } },
    };
}

using System.Text.Json.Nodes;
using Cpaas.Operator.Entities;
using Cpaas.Operator.IntegrationTests.Infrastructure;

namespace Cpaas.Operator.IntegrationTests;

/// <summary>
/// docs/RECONCILE.md, "kstatus conditions": every status a journey produces, as kstatus (Flux's <c>wait: true</c>,
/// <c>dependsOn</c>) computes it with its own rules (<see cref="Kstatus"/>): InProgress while the project is being
/// created or a spec change is not yet applied, Current only once Ready, Failed when the reason needs a person.
/// The versions before the operator's first status write are Current by kstatus' rules (no status at all): that
/// window is what the documented Flux healthCheckExprs cover.
/// </summary>
public sealed class KstatusTests(OperatorFixture fixture) : IClassFixture<OperatorFixture>
{
    [Fact]
    public async Task A_new_project_is_InProgress_while_it_is_created_and_Current_once_Ready()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var journey = await ProjectJourney.StartAsync(fixture, ns, "kstatus-new");

        await fixture.CreateProjectAsync(ns, $$"""
            metadata:
              name: kstatus-new
            spec:
              appName: kstatus-new-{{ns}}
              categoryId: education
              video: {}
            """);
        var last = await journey.UntilAsync(IsReadyAtItsGeneration, "Ready at the current generation");

        Assert.Equal(KstatusStatus.Current, Kstatus.Compute(last).Status);
        var withStatus = journey.Versions.Where(ProjectJourney.HasStatus).ToList();
        Assert.True(withStatus.Count >= 2, journey.Describe());
        Assert.All(withStatus[..^1], v => Assert.True(Kstatus.Compute(v).Status == KstatusStatus.InProgress, $"every status before Ready is InProgress:\n{journey.Describe()}"));
        Assert.Contains(withStatus, v => ProjectJourney.ConditionStatus(v, WellKnownNames.ConditionTypes.Reconciling) == "True");
        Assert.Null(ProjectJourney.ConditionStatus(last, WellKnownNames.ConditionTypes.Reconciling));
        Assert.Null(ProjectJourney.ConditionStatus(last, WellKnownNames.ConditionTypes.Stalled));
    }

    [Fact]
    public async Task A_rejected_category_is_InProgress_while_creating_then_Failed()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var journey = await ProjectJourney.StartAsync(fixture, ns, "kstatus-bad");

        await fixture.CreateProjectAsync(ns, $$"""
            metadata:
              name: kstatus-bad
            spec:
              appName: kstatus-bad-{{ns}}
              categoryId: no-such-category
              video: {}
            """);
        var last = await journey.UntilAsync(v => ProjectJourney.ConditionStatus(v, WellKnownNames.ConditionTypes.Stalled) == "True", "Stalled=True");

        var (status, message) = Kstatus.Compute(last);
        Assert.Equal(KstatusStatus.Failed, status);
        Assert.Contains("1008", message, StringComparison.Ordinal);
        Assert.Equal(WellKnownNames.Reasons.CategoryInvalid, Condition(last, WellKnownNames.ConditionTypes.Stalled)?["reason"]?.GetValue<string>());
        Assert.Equal(last["metadata"]!["generation"]!.GetValue<long>(), Condition(last, WellKnownNames.ConditionTypes.Stalled)?["observedGeneration"]?.GetValue<long>());
        Assert.Null(ProjectJourney.ConditionStatus(last, WellKnownNames.ConditionTypes.Reconciling));
        var withStatus = journey.Versions.Where(ProjectJourney.HasStatus).ToList();
        Assert.Contains(withStatus, v => Kstatus.Compute(v).Status == KstatusStatus.InProgress);
        Assert.DoesNotContain(withStatus, v => Kstatus.Compute(v).Status == KstatusStatus.Current);
    }

    [Fact]
    public async Task A_stalled_resource_paused_and_resumed_is_Failed_again_not_Current()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.CreateProjectAsync(ns, $$"""
            metadata:
              name: kstatus-resumed
            spec:
              appName: kstatus-resumed-{{ns}}
              categoryId: no-such-category
              video: {}
            """);
        await fixture.WaitForConditionAsync(ns, "kstatus-resumed", WellKnownNames.ConditionTypes.Stalled, WellKnownNames.ConditionStatus.True, WellKnownNames.Reasons.CategoryInvalid);
        await fixture.PatchProjectAsync(ns, "kstatus-resumed", Paused("true"));
        await fixture.WaitForConditionAsync(ns, "kstatus-resumed", WellKnownNames.ConditionTypes.Synced, WellKnownNames.ConditionStatus.False, WellKnownNames.Reasons.Paused);

        await fixture.PatchProjectAsync(ns, "kstatus-resumed", Paused(null));

        // Resuming is looked at again (one more attempt): the status says why it is stuck, not "Paused" with no Stalled.
        var resumed = await fixture.WaitForConditionAsync(ns, "kstatus-resumed", WellKnownNames.ConditionTypes.Synced, WellKnownNames.ConditionStatus.False, WellKnownNames.Reasons.CategoryInvalid);
        Assert.True(OperatorFixture.HasCondition(resumed, WellKnownNames.ConditionTypes.Stalled, WellKnownNames.ConditionStatus.True, WellKnownNames.Reasons.CategoryInvalid));
        Assert.Equal(KstatusStatus.Failed, Kstatus.Compute(JsonNode.Parse(OperatorFixture.Serialize(resumed))!.AsObject()).Status);
        Assert.Equal(2, fixture.AddsNamed("kstatus-resumed-" + ns).Count);
    }

    [Fact]
    public async Task A_spec_change_is_InProgress_until_it_is_applied_then_Current()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.CreateProjectAsync(ns, $$"""
            metadata:
              name: kstatus-change
            spec:
              appName: kstatus-change-{{ns}}
              categoryId: education
              video: {}
            """);
        await fixture.WaitForReadyAsync(ns, "kstatus-change");
        var journey = await ProjectJourney.StartAsync(fixture, ns, "kstatus-change");

        var changed = await fixture.PatchProjectAsync(ns, "kstatus-change", """{"spec":{"description":"changed by the user"}}""");
        var last = await journey.UntilAsync(IsReadyAtItsGeneration, "Ready at the new generation");

        Assert.Equal(changed.Metadata.Generation, last["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(KstatusStatus.Current, Kstatus.Compute(last).Status);
        Assert.Equal(KstatusStatus.InProgress, Kstatus.Compute(journey.Versions[0]).Status);
        Assert.All(journey.Versions.SkipLast(1), v => Assert.True(Kstatus.Compute(v).Status == KstatusStatus.InProgress, journey.Describe()));
    }

    [Fact]
    public void The_port_follows_the_kstatus_rules_in_their_order()
    {
        static JsonObject Resource(long generation, string status, string? metadataExtra = null) =>
            JsonNode.Parse($$"""{ "metadata": { "generation": {{generation}} {{metadataExtra}} }, "status": {{status}} }""")!.AsObject();

        const string ReconcilingThenStalled = """[{ "type": "Reconciling", "status": "True" }, { "type": "Stalled", "status": "True" }]""";
        Assert.Equal(KstatusStatus.Current, Kstatus.Compute(Resource(1, "{}")).Status);
        Assert.Equal(KstatusStatus.InProgress, Kstatus.Compute(Resource(2, """{ "observedGeneration": 1, "conditions": [{ "type": "Ready", "status": "True" }] }""")).Status);
        Assert.Equal(KstatusStatus.InProgress, Kstatus.Compute(Resource(2, $$"""{ "observedGeneration": 2, "conditions": {{ReconcilingThenStalled}} }""")).Status);
        Assert.Equal(KstatusStatus.Failed, Kstatus.Compute(Resource(2, """{ "observedGeneration": 2, "conditions": [{ "type": "Stalled", "status": "True" }, { "type": "Reconciling", "status": "True" }] }""")).Status);
        Assert.Equal(KstatusStatus.Current, Kstatus.Compute(Resource(2, """{ "observedGeneration": 2, "conditions": [{ "type": "Ready", "status": "False" }, { "type": "Stalled", "status": "False" }] }""")).Status);
        Assert.Equal(KstatusStatus.Terminating, Kstatus.Compute(Resource(2, "{}", """, "deletionTimestamp": "2026-12-07T04:00:00Z" """)).Status);
    }

    private static JsonObject Paused(string? value) => new()
    {
        ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [WellKnownNames.Annotations.Paused] = value } },
    };

    private static bool IsReadyAtItsGeneration(JsonObject version) =>
        Condition(version, WellKnownNames.ConditionTypes.Ready) is { } ready &&
        ready["status"]?.GetValue<string>() == "True" &&
        ready["observedGeneration"]?.GetValue<long>() == version["metadata"]?["generation"]?.GetValue<long>() &&
        version["status"]?["observedGeneration"]?.GetValue<long>() == version["metadata"]?["generation"]?.GetValue<long>();

    private static JsonObject? Condition(JsonObject version, string type) =>
        (version["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);
}

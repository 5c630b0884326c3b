using Cpaas.Operator.Entities;
using Cpaas.Operator.IntegrationTests.Infrastructure;
using Cpaas.Sandbox.Api;

namespace Cpaas.Operator.IntegrationTests;

/// <summary>
/// docs/RECONCILE.md contract 5: invalid input is terminal until the spec changes (no retry loop), with a clear reason. The operator
/// re-observes every two seconds here, so a retry loop would show within the waits below.
/// </summary>
public sealed class TerminalErrorTests(FastResyncOperatorFixture fixture) : IClassFixture<FastResyncOperatorFixture>
{
    private const string Ready = WellKnownNames.ConditionTypes.Ready;
    private const string False = WellKnownNames.ConditionStatus.False;

    [Fact]
    public async Task A_rejected_category_gives_CategoryInvalid_and_no_retry_until_the_spec_changes()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.CreateProjectAsync(ns, """
            metadata:
              name: bad-category
            spec:
              appName: bad-category-project
              categoryId: no-such-category
              video: {}
            """);

        var failed = await fixture.WaitForConditionAsync(ns, "bad-category", Ready, False, WellKnownNames.Reasons.CategoryInvalid);
        Assert.Contains("1008", OperatorFixture.Condition(failed, Ready)!.Message, StringComparison.Ordinal);
        Assert.True(OperatorFixture.HasCondition(failed, WellKnownNames.ConditionTypes.Synced, False, WellKnownNames.Reasons.CategoryInvalid));
        Assert.False(failed.Metadata.Annotations?.ContainsKey(WellKnownNames.Annotations.PendingCreate) ?? false, "a certain rejection leaves no marker");

        // Other resources converge and resync meanwhile; the rejected one is not retried.
        var witnessAppId = await ConvergeWitnessAsync(ns);
        var sequence = fixture.Cpaas.Journal.Entries().Last().Sequence;
        await fixture.WaitForJournalAsync(e => e.Count(x => x.Sequence > sequence && x.AppId == witnessAppId && x.Operation == SandboxOperation.GetProject) >= 2, "two resyncs of another resource");
        var add = Assert.Single(fixture.AddsNamed("bad-category-project"));
        Assert.Equal("1008", add.Result);

        // A corrected spec is acted on at once.
        await fixture.PatchProjectAsync(ns, "bad-category", """{"spec":{"categoryId":"banking"}}""");
        var ready = await fixture.WaitForReadyAsync(ns, "bad-category");
        var stored = Assert.Single(fixture.Cpaas.Store.FindByName("bad-category-project"));
        Assert.Equal(stored.AppId, ready.Status!.AppId);
        Assert.Equal(2, fixture.AddsNamed("bad-category-project").Count);
    }

    [Fact]
    public async Task A_taken_subdomain_gives_SubdomainTaken_and_no_retry_loop()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var subdomain = "taken-" + ns;
        var (holder, _) = await fixture.CreateProjectInCpaasAsync("subdomain-holder");
        await fixture.CallCpaasAsync(HttpMethod.Patch, $"projects/{holder}/video-embed", new System.Text.Json.Nodes.JsonObject { ["subdomain"] = subdomain });
        await fixture.CreateProjectAsync(ns, $$"""
            metadata:
              name: wants-taken
            spec:
              appName: wants-taken-project
              categoryId: education
              embed:
                subdomain: {{subdomain}}
            """);

        var failed = await fixture.WaitForConditionAsync(ns, "wants-taken", Ready, False, WellKnownNames.Reasons.SubdomainTaken);
        Assert.Contains("subdomain", OperatorFixture.Condition(failed, Ready)!.Message, StringComparison.OrdinalIgnoreCase);

        var witnessAppId = await ConvergeWitnessAsync(ns);
        var sequence = fixture.Cpaas.Journal.Entries().Last().Sequence;
        await fixture.WaitForJournalAsync(e => e.Count(x => x.Sequence > sequence && x.AppId == witnessAppId && x.Operation == SandboxOperation.GetProject) >= 2, "two resyncs of another resource");

        Assert.Single(fixture.AddsNamed("wants-taken-project"));
        var project = Assert.Single(fixture.Cpaas.Store.FindByName("wants-taken-project"));
        Assert.Single(fixture.JournalFor(project.AppId), e => e.Operation == SandboxOperation.PatchVideoEmbed);
        Assert.Equal(subdomain, fixture.Cpaas.Store.Find(holder)!.Subdomain);
    }

    [Fact]
    public async Task An_unknown_account_gives_CredentialsRejected_without_creating_anything()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.CreateSecretAsync(ns, "wrong-account", new Dictionary<string, string> { ["api_id"] = "nobody", ["api_key"] = "wrong-key-0123456789" });
        await fixture.CreateProjectAsync(ns, """
            metadata:
              name: rejected
            spec:
              appName: rejected-project
              categoryId: education
              credentialsSecretRef:
                name: wrong-account
              video: {}
            """);

        var failed = await fixture.WaitForConditionAsync(ns, "rejected", Ready, False, WellKnownNames.Reasons.CredentialsRejected);

        Assert.DoesNotContain("wrong-key-0123456789", OperatorFixture.Serialize(failed), StringComparison.Ordinal);
        Assert.Empty(fixture.Cpaas.Store.FindByName("rejected-project"));
    }

    private async Task<string> ConvergeWitnessAsync(string ns)
    {
        var name = "witness-" + Guid.NewGuid().ToString("N")[..6];
        await fixture.CreateProjectAsync(ns, $$"""
            metadata:
              name: {{name}}
            spec:
              appName: {{name}}
              categoryId: education
              video: {}
            """);
        return (await fixture.WaitForReadyAsync(ns, name)).Status!.AppId!;
    }
}

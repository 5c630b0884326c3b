using Cpaas.Operator.Entities;
using Cpaas.Operator.IntegrationTests.Infrastructure;
using Cpaas.Sandbox.Api;
using Cpaas.Sandbox.Journal;
using k8s;
using k8s.Models;

namespace Cpaas.Operator.IntegrationTests;

/// <summary>The operator with <c>--default-account-namespaces</c> listing one namespace only (a shared cluster).</summary>
public sealed class DefaultAccountNamespacesFixture : OperatorFixture
{
    /// <summary>The one namespace whose CpaasProjects may use the operator's default account.</summary>
    public string AllowedNamespace { get; } = $"allowed-{Guid.NewGuid().ToString("N")[..8]}";

    protected override IReadOnlyList<string> ExtraArgs => ["--default-account-namespaces", AllowedNamespace];
}

/// <summary>
/// docs/reference.md, "Credentials per namespace": the account is the trust boundary. A namespace that may not use the
/// default account gets <c>CredentialsMissing</c> and makes no CPaaS call (not even to adopt a project by its app id)
/// until it has an account of its own; a listed namespace uses the default account.
/// </summary>
public sealed class DefaultAccountNamespacesTests(DefaultAccountNamespacesFixture fixture) : IClassFixture<DefaultAccountNamespacesFixture>
{
    private const string Ready = WellKnownNames.ConditionTypes.Ready;
    private const string Stalled = WellKnownNames.ConditionTypes.Stalled;
    private const string True = WellKnownNames.ConditionStatus.True;
    private const string False = WellKnownNames.ConditionStatus.False;

    [Fact]
    public async Task A_namespace_not_listed_makes_no_call_and_converges_on_its_own_account_once_it_has_one()
    {
        var ns = await fixture.CreateNamespaceAsync("tenant");
        var appName = "tenant-" + ns;
        var sequence = LastSequence();

        await fixture.CreateProjectAsync(ns, Spec("tenant", appName));

        var failed = await fixture.WaitForConditionAsync(ns, "tenant", Ready, False, WellKnownNames.Reasons.CredentialsMissing);
        Assert.True(OperatorFixture.HasCondition(failed, Stalled, True, WellKnownNames.Reasons.CredentialsMissing));
        Assert.Contains("--default-account-namespaces", Condition(failed, Ready).Message, StringComparison.Ordinal);
        Assert.Empty(CallsSince(sequence, appName));

        // The namespace's own account: a cpaas-credentials Secret, noticed without a spec change.
        var apiId = "team-" + ns;
        var apiKey = "team-key-" + Guid.NewGuid().ToString("N");
        fixture.Cpaas.AddAccount(apiId, apiKey, isAdmin: false);
        await fixture.CreateSecretAsync(ns, WellKnownNames.NamespaceCredentialsSecret, new Dictionary<string, string> { ["api_id"] = apiId, ["api_key"] = apiKey });

        var ready = await fixture.WaitForReadyAsync(ns, "tenant");
        Assert.Equal(apiId, Assert.Single(fixture.AddsNamed(appName)).ApiId);
        Assert.All(fixture.JournalFor(ready.Status!.AppId!), e => Assert.Equal(apiId, e.ApiId));
    }

    [Fact]
    public async Task Adopting_a_default_account_project_by_spec_appId_from_a_namespace_not_listed_makes_no_call()
    {
        var ns = await fixture.CreateNamespaceAsync("tenant");
        var appName = "taken-" + ns;
        var (appId, _) = await fixture.CreateProjectInCpaasAsync(appName);
        var sequence = LastSequence();

        await fixture.CreateProjectAsync(ns, $$"""
            metadata:
              name: grab
            spec:
              appId: "{{appId}}"
              appName: {{appName}}
              categoryId: education
              video: {}
            """);

        await fixture.WaitForConditionAsync(ns, "grab", Ready, False, WellKnownNames.Reasons.CredentialsMissing);
        Assert.DoesNotContain(fixture.Cpaas.Journal.Entries(), e => e.Sequence > sequence && e.AppId == appId);
        Assert.Empty(CallsSince(sequence, appName));
        var secrets = await fixture.Admin.CoreV1.ListNamespacedSecretAsync(ns);
        Assert.DoesNotContain(secrets.Items, s => s.Metadata.Name == "grab-cpaas");
    }

    [Fact]
    public async Task A_listed_namespace_uses_the_default_account()
    {
        await fixture.Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = fixture.AllowedNamespace } });
        var appName = "shared-" + fixture.AllowedNamespace;

        await fixture.CreateProjectAsync(fixture.AllowedNamespace, Spec("shared", appName));

        await fixture.WaitForReadyAsync(fixture.AllowedNamespace, "shared");
        Assert.Equal(fixture.Cpaas.CustomerAccount.ApiId, Assert.Single(fixture.AddsNamed(appName)).ApiId);
    }

    private static string Spec(string name, string appName) => $$"""
        metadata:
          name: {{name}}
        spec:
          appName: {{appName}}
          categoryId: education
          video: {}
        """;

    private static V1Condition Condition(CpaasProject project, string type) =>
        project.Status!.Conditions!.Single(c => c.Type == type);

    private long LastSequence() => fixture.Cpaas.Journal.Entries().LastOrDefault()?.Sequence ?? 0;

    /// <summary>The CPaaS requests since <paramref name="sequence"/> about this project: an add, or a list by its name.</summary>
    private List<JournalEntry> CallsSince(long sequence, string appName) =>
        [.. fixture.Cpaas.Journal.Entries().Where(e => e.Sequence > sequence &&
            (e.Operation == SandboxOperation.AddProject || e.Path.Contains(Uri.EscapeDataString(appName), StringComparison.Ordinal) || e.Path.Contains(appName, StringComparison.Ordinal)))];
}

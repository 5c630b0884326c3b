using Cpaas.Operator.Entities;
using Cpaas.Operator.IntegrationTests.Infrastructure;
using k8s;

namespace Cpaas.Operator.IntegrationTests;

/// <summary>
/// config/rbac grants exactly what the operator uses. One journey drives every kind of Kubernetes request the operator
/// makes (watches, create, status, finalizer, connection Secret create/update/delete, referenced Secret reads, events
/// with aggregation, the Lease); the Kubernetes sandbox's audit log then says what the operator's service account did,
/// and every verb of every rule must have been used, and nothing refused. The expectation is the role files themselves:
/// a new request the roles lack fails as refused, a rule left unused fails with its name.
/// </summary>
public sealed class RbacTests(OperatorFixture fixture) : IClassFixture<OperatorFixture>
{
    private const string AppKeyKey = WellKnownNames.ConnectionSecretKeys.AppKey;

    [Fact]
    public async Task The_operator_uses_every_verb_config_rbac_grants_and_is_refused_nothing()
    {
        var grants = RbacGrants.For(await Manifests.LoadAsync("rbac"), OperatorFixture.OperatorUser, OperatorFixture.OperatorNamespace);
        Assert.NotEmpty(grants);

        await RunJourneyAsync();

        // Requests are audited just after they are answered, and the leader renews its Lease on its own schedule: wait
        // until every grant shows as used (or the patience runs out, and the report names what was not).
        using var deadline = new CancellationTokenSource(fixture.Patience * 2);
        try
        {
            await fixture.Kube.Audit.WaitUntilAsync(events => Compare(events, grants).Unused.Count == 0, deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // Reported below.
        }

        Assert.True(fixture.Kube.Audit.Dropped == 0, $"the audit log kept only the newest {fixture.Kube.Audit.Capacity} events: raise KubeApiSandboxOptions.AuditEventsKept");
        var usage = Compare(fixture.Kube.Audit.Events(), grants);
        Assert.True(usage.IsExact, usage.Report("config/rbac"));
    }

    private static RbacUsage Compare(IReadOnlyList<Kube.Sandbox.Audit.AuditEvent> events, IReadOnlyList<RbacGrant> grants) =>
        RbacUsage.Compare(grants, RbacUsage.UsesOf(events, OperatorFixture.OperatorUser));

    private async Task RunJourneyAsync()
    {
        var ns = await fixture.CreateNamespaceAsync("rbac");

        // A referenced Secret (read on demand) and a project that converges: watches, create, finalizer, status,
        // the connection Secret (with an owner reference that blocks deletion: the finalizers check), events.
        await fixture.CreateSecretAsync(ns, "account", new Dictionary<string, string>
        {
            ["api_id"] = fixture.Cpaas.CustomerAccount.ApiId,
            ["api_key"] = fixture.Cpaas.CustomerAccount.ApiKey,
        });
        await fixture.CreateProjectAsync(ns, """
            metadata:
              name: journey
            spec:
              appName: rbac-journey
              categoryId: education
              credentialsSecretRef:
                name: account
              video: {}
            """);
        await fixture.WaitForReadyAsync(ns, "journey");

        // A tampered connection Secret is rewritten (update).
        var secret = (await fixture.GetSecretAsync(ns, "journey-cpaas"))!;
        secret.Data[AppKeyKey] = "tampered"u8.ToArray();
        var tampered = await fixture.Admin.CoreV1.ReplaceNamespacedSecretAsync(secret, secret.Metadata.Name, ns);
        await fixture.WaitForSecretAsync(ns, "journey-cpaas",
            s => s is not null && s.Metadata.ResourceVersion != tampered.Metadata.ResourceVersion && OperatorFixture.SecretValue(s, AppKeyKey) != "tampered",
            "the tampered Secret rewritten");

        // A deleted one is re-created, twice: the second identical event aggregates into the first (event patch).
        for (var round = 0; round < 2; round++)
        {
            var before = (await fixture.GetSecretAsync(ns, "journey-cpaas"))!;
            await fixture.Admin.CoreV1.DeleteNamespacedSecretAsync("journey-cpaas", ns);
            await fixture.WaitForSecretAsync(ns, "journey-cpaas", s => s is not null && s.Metadata.Uid != before.Metadata.Uid, "the deleted Secret re-created");
        }

        // A renamed connection Secret: the new one is written, the old one deleted.
        await fixture.PatchProjectAsync(ns, "journey", """{"spec":{"connectionSecret":{"name":"journey-renamed"}}}""");
        await fixture.WaitForSecretAsync(ns, "journey-cpaas", s => s is null, "the old connection Secret deleted");

        // Deletion: the finalizer comes off.
        await fixture.DeleteProjectAsync(ns, "journey");
        await fixture.WaitForProjectAsync(ns, "journey", p => p is null, "the project gone");
    }
}

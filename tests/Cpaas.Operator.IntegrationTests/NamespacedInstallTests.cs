using Cpaas.Operator.IntegrationTests.Infrastructure;

namespace Cpaas.Operator.IntegrationTests;

/// <summary>
/// config/namespaced: the operator, installed with kubectl under only Roles and RoleBindings, makes a CpaasProject in a
/// watched namespace Ready, leaves one in an unwatched namespace alone, and (from the Kubernetes sandbox's audit log)
/// makes no cluster-scope request and none that its Roles refuse.
/// </summary>
public sealed class NamespacedInstallTests(NamespacedInstallFixture fixture) : IClassFixture<NamespacedInstallFixture>
{
    private const string ProjectYaml = """
        metadata:
          name: {0}
        spec:
          appName: {1}
          categoryId: education
          video: {{}}
        """;

    [Fact]
    public async Task Converges_a_watched_namespace_ignores_an_unwatched_one_and_stays_inside_its_roles()
    {
        var watched = fixture.WatchedNamespaces[0];
        var unwatched = NamespacedInstallFixture.UnwatchedNamespace;
        Assert.Equal(["team-a", "team-b"], fixture.WatchedNamespaces);
        var grants = RbacGrants.For(fixture.InstalledObjects, OperatorFixture.OperatorUser, OperatorFixture.OperatorNamespace);
        Assert.DoesNotContain(grants, g => g.Namespace is null);

        // Created first, so that the watched one converging later means the operator had every chance to see it.
        await fixture.CreateProjectAsync(unwatched, string.Format(System.Globalization.CultureInfo.InvariantCulture, ProjectYaml, "outside", "namespaced-outside"));
        await fixture.CreateProjectAsync(watched, string.Format(System.Globalization.CultureInfo.InvariantCulture, ProjectYaml, "inside", "namespaced-inside"));

        var ready = await fixture.WaitForReadyAsync(watched, "inside");
        Assert.NotNull(ready.Status?.AppId);
        Assert.NotNull(await fixture.GetSecretAsync(watched, "inside-cpaas"));

        var outside = (await fixture.GetProjectAsync(unwatched, "outside"))!;
        Assert.Null(outside.Status);
        Assert.Null(outside.Metadata.Finalizers);
        Assert.Empty(fixture.AddsNamed("namespaced-outside"));

        var uses = RbacUsage.UsesOf(fixture.Kube.Audit.Events(), OperatorFixture.OperatorUser);
        var usage = RbacUsage.Compare(grants, uses);
        Assert.True(usage.Refused.Count == 0 && usage.Ungranted.Count == 0, usage.Report("config/namespaced", includeUnused: false));
        Assert.Empty(uses.Where(u => u.Namespace.Length == 0).Select(u => u.ToString()));
        Assert.Empty(fixture.Kube.Audit.Events().Where(e => e.EffectiveUser.Username == OperatorFixture.OperatorUser && e.ObjectRef is null).Select(e => e.RequestUri));
        Assert.Empty(uses.Where(u => u.Namespace == unwatched).Select(u => u.ToString()));
        Assert.Contains(uses, u => u.Namespace == OperatorFixture.OperatorNamespace && u.Resource == "leases" && u.Allowed);
    }
}

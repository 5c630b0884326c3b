using Cpaas.Operator.Entities;
using Cpaas.Operator.Tests.Support;
using k8s;
using k8s.Models;

namespace Cpaas.Operator.Tests.Config;

public sealed class ManifestTests
{
    private static async Task<List<object>> BuildAsync(string directory) =>
        KubeYaml.LoadAll(await Kustomize.BuildAsync(RepositoryPaths.Combine("config", directory)), strict: true);

    [Theory]
    [InlineData("crds")]
    [InlineData("rbac")]
    [InlineData("manager")]
    [InlineData("samples")]
    [InlineData("sandbox-samples")]
    [InlineData("namespaced")]
    public async Task Kustomization_builds(string directory)
    {
        Assert.NotEmpty(await BuildAsync(directory));
    }

    [Fact]
    public async Task Default_installs_namespace_crd_rbac_and_manager_in_cpaas_system()
    {
        var objects = await BuildAsync("default");

        Assert.Equal("cpaas-system", Assert.Single(objects.OfType<V1Namespace>()).Metadata.Name);
        Assert.Equal("cpaasprojects.cpaas.enablex.io", Assert.Single(objects.OfType<V1CustomResourceDefinition>()).Metadata.Name);
        Assert.Single(objects.OfType<V1ClusterRole>());
        Assert.Single(objects.OfType<V1Role>());
        Assert.All(
            objects.OfType<IKubernetesObject<V1ObjectMeta>>().Where(o => o is V1ServiceAccount or V1Role or V1RoleBinding or V1Deployment),
            o => Assert.Equal("cpaas-system", o.Metadata.NamespaceProperty));
        Assert.Equal("cpaas-system", Assert.Single(Assert.Single(objects.OfType<V1ClusterRoleBinding>()).Subjects).NamespaceProperty);
    }

    [Fact]
    public async Task Cluster_role_has_no_wildcards_and_never_patches_secrets()
    {
        // Which verbs are granted is proven against the operator's requests by the integration tests' RbacTests
        // (audit log) and stated in docs/reference.md (RbacTableTests); here only what no rule may ever hold.
        var role = Assert.Single((await BuildAsync("rbac")).OfType<V1ClusterRole>());

        Assert.All(role.Rules, rule => Assert.DoesNotContain("*", rule.Verbs.Concat(rule.Resources).Concat(rule.ApiGroups)));
        Assert.DoesNotContain(role.Rules, rule => rule.Resources.Contains("secrets") && rule.Verbs.Contains("patch"));
        Assert.DoesNotContain(role.Rules, rule => rule.ApiGroups.Contains("events.k8s.io"));
    }

    [Fact]
    public async Task Namespaced_install_has_only_roles_and_bindings_and_no_crd()
    {
        var objects = await BuildAsync("namespaced");

        Assert.Empty(objects.OfType<V1ClusterRole>());
        Assert.Empty(objects.OfType<V1ClusterRoleBinding>());
        Assert.Empty(objects.OfType<V1CustomResourceDefinition>());
        Assert.Equal(["cpaas-system", "team-a", "team-b"], objects.OfType<V1Role>().Select(r => r.Metadata.NamespaceProperty).Order(StringComparer.Ordinal));
        Assert.All(objects.OfType<V1RoleBinding>(), b => Assert.Equal(("ServiceAccount", "cpaas-operator", "cpaas-system"),
            Assert.Single(b.Subjects) is var s ? (s.Kind, s.Name, s.NamespaceProperty) : default));
    }

    [Fact]
    public async Task Namespaced_install_watches_exactly_the_namespaces_it_grants_roles_in()
    {
        var objects = await BuildAsync("namespaced");
        var container = Assert.Single(Assert.Single(objects.OfType<V1Deployment>()).Spec.Template.Spec.Containers);

        var flag = Assert.Single(container.Args, a => a.StartsWith("--watch-namespaces=", StringComparison.Ordinal));
        var watched = flag["--watch-namespaces=".Length..].Split(',').Order(StringComparer.Ordinal);
        var granted = objects.OfType<V1Role>().Where(r => r.Metadata.Name == "cpaas-operator").Select(r => r.Metadata.NamespaceProperty).Order(StringComparer.Ordinal);
        Assert.Equal(watched, granted);
    }

    [Fact]
    public async Task Namespaced_role_grants_the_same_rules_as_the_cluster_role()
    {
        static IEnumerable<string> Rules(IEnumerable<V1PolicyRule> rules) =>
            rules.Select(r => $"{string.Join(',', r.ApiGroups)} {string.Join(',', r.Resources)}: {string.Join(',', r.Verbs)}");
        var clusterRole = Assert.Single((await BuildAsync("rbac")).OfType<V1ClusterRole>());
        var namespaced = (await BuildAsync("namespaced")).OfType<V1Role>().Where(r => r.Metadata.Name == "cpaas-operator").ToList();

        Assert.NotEmpty(namespaced);
        Assert.All(namespaced, role => Assert.Equal(Rules(clusterRole.Rules), Rules(role.Rules)));
    }

    [Fact]
    public async Task Leases_are_granted_only_in_the_operator_namespace()
    {
        var objects = await BuildAsync("rbac");
        var role = Assert.Single(objects.OfType<V1Role>());

        var rule = Assert.Single(role.Rules);
        Assert.Equal(["coordination.k8s.io"], rule.ApiGroups);
        Assert.Equal(["leases"], rule.Resources);
        Assert.Equal(["create", "get", "update"], rule.Verbs.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(objects.OfType<V1ClusterRole>().SelectMany(r => r.Rules), r => r.Resources.Contains("leases"));
    }

    [Fact]
    public async Task Manager_runs_non_root_read_only_with_probes_and_the_credentials_mounted()
    {
        var deployment = Assert.Single((await BuildAsync("manager")).OfType<V1Deployment>());
        var pod = deployment.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.Equal("cpaas-operator", pod.ServiceAccountName);
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal(10001, pod.SecurityContext.RunAsUser);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        Assert.Equal("/healthz", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("/readyz", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal([8080, 8081], container.Ports.Select(p => p.ContainerPort).Order());
        Assert.NotNull(container.Resources.Requests);
        Assert.NotNull(container.Resources.Limits);

        var credentials = Assert.Single(container.VolumeMounts, m => m.MountPath == "/var/run/secrets/cpaas");
        Assert.True(credentials.ReadOnlyProperty);
        Assert.Equal("cpaas-operator-credentials", pod.Volumes.Single(v => v.Name == credentials.Name).Secret.SecretName);
        var tmp = Assert.Single(container.VolumeMounts, m => m.MountPath == "/tmp");
        Assert.NotNull(pod.Volumes.Single(v => v.Name == tmp.Name).EmptyDir);
    }

    [Fact]
    public void Dockerfile_runs_as_the_user_the_manager_expects()
    {
        var dockerfile = File.ReadAllLines(RepositoryPaths.Combine("Dockerfile"));

        Assert.Contains("USER 10001:10001", dockerfile);
        Assert.Contains(dockerfile, line => line.StartsWith("EXPOSE 8080 8081", StringComparison.Ordinal));
        Assert.Contains(dockerfile, line => line.StartsWith("RUN dotnet publish src/Cpaas.Operator -c Release", StringComparison.Ordinal) && line.Contains(" -o /app", StringComparison.Ordinal));
    }

    [Fact]
    public void Well_known_names_match_the_manifests()
    {
        Assert.Equal("cpaas.enablex.io/finalizer", WellKnownNames.Finalizer);
        Assert.Equal("cpaas.enablex.io/paused", WellKnownNames.Annotations.Paused);
        Assert.Equal("cpaas.enablex.io/pending-create", WellKnownNames.Annotations.PendingCreate);
        Assert.Equal("cpaas-operator", WellKnownNames.Labels.ManagedByValue);
    }
}

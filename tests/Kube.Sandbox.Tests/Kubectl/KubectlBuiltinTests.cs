using Kube.Sandbox.Tests.Infrastructure;

namespace Kube.Sandbox.Tests.Kubectl;

public sealed class KubectlBuiltinTests : IClassFixture<KubectlFixture>
{
    private readonly KubectlFixture _fixture;

    public KubectlBuiltinTests(KubectlFixture fixture) => _fixture = fixture;

    private Infrastructure.Kubectl Kubectl => _fixture.Kubectl;

    private static string Manifests(string ns, string image) => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {ns}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: operator
          namespace: {ns}
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: creds
          namespace: {ns}
        stringData:
          api_id: id
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: {ns}
        data:
          level: info
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: {ns}-reader
        rules:
        - apiGroups: [""]
          resources: ["configmaps"]
          verbs: ["get", "list", "watch"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: {ns}-reader
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: {ns}-reader
        subjects:
        - kind: ServiceAccount
          name: operator
          namespace: {ns}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: leases
          namespace: {ns}
        rules:
        - apiGroups: ["coordination.k8s.io"]
          resources: ["leases"]
          verbs: ["get", "create", "update"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: leases
          namespace: {ns}
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: Role
          name: leases
        subjects:
        - kind: ServiceAccount
          name: operator
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: metrics
          namespace: {ns}
        spec:
          selector:
            app: operator
          ports:
          - name: metrics
            port: 8080
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: operator
          namespace: {ns}
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: operator
          template:
            metadata:
              labels:
                app: operator
            spec:
              serviceAccountName: operator
              containers:
              - name: manager
                image: {image}
                args: ["--leader-elect"]
              - name: sidecar
                image: sidecar:1
        """;

    [Fact]
    public async Task Apply_k_installs_builtin_kinds_and_a_crd_and_reapply_patches_the_deployment()
    {
        var ns = Names.Unique("kust");
        var dir = Path.GetDirectoryName(Kubectl.WriteFile($"{ns}/kustomization.yaml", "resources:\n- crd.yaml\n- all.yaml\nlabels:\n- pairs:\n    app.kubernetes.io/part-of: demo\n"))!;
        File.WriteAllText(Path.Combine(dir, "crd.yaml"), TestCrds.Yaml);
        File.WriteAllText(Path.Combine(dir, "all.yaml"), Manifests(ns, "operator:1"));

        var first = (await Kubectl.RunAsync("apply", "-k", dir)).EnsureSuccess();
        foreach (var expected in new[] { $"namespace/{ns} created", "serviceaccount/operator created", "secret/creds created", "configmap/settings created", $"clusterrole.rbac.authorization.k8s.io/{ns}-reader created", "role.rbac.authorization.k8s.io/leases created", "rolebinding.rbac.authorization.k8s.io/leases created", "service/metrics created", "deployment.apps/operator created" })
        {
            Assert.Contains(expected, first.StdOut, StringComparison.Ordinal);
        }

        Assert.Matches("customresourcedefinition.apiextensions.k8s.io/widgets.example.com (created|unchanged)", first.StdOut);

        File.WriteAllText(Path.Combine(dir, "all.yaml"), Manifests(ns, "operator:2"));
        var second = (await Kubectl.RunAsync("apply", "-k", dir)).EnsureSuccess();
        Assert.Contains("deployment.apps/operator configured", second.StdOut, StringComparison.Ordinal);
        Assert.Contains("configmap/settings unchanged", second.StdOut, StringComparison.Ordinal);

        var containers = (await Kubectl.RunAsync("get", "deployment", "operator", "-n", ns, "-o", "jsonpath={range .spec.template.spec.containers[*]}{.name}={.image} {.args}{\"\\n\"}{end}")).EnsureSuccess();
        Assert.Equal("manager=operator:2 [\"--leader-elect\"]\nsidecar=sidecar:1 \n", containers.StdOut);
        var label = (await Kubectl.RunAsync("get", "configmap", "settings", "-n", ns, "-o", "jsonpath={.metadata.labels.app\\.kubernetes\\.io/part-of}")).EnsureSuccess();
        Assert.Equal("demo", label.StdOut);
        var table = (await Kubectl.RunAsync("get", "secret", "creds", "-n", ns)).EnsureSuccess();
        Assert.Matches(@"creds\s+Opaque\s+1\s+\d+s", table.StdOut);
    }

    [Fact]
    public async Task Create_subcommands_send_protobuf_bodies_that_the_sandbox_decodes()
    {
        var ns = Names.Unique("create");
        (await Kubectl.RunAsync("create", "namespace", ns)).EnsureSuccess();
        (await Kubectl.RunAsync("create", "configmap", "cm", "--from-literal=a=b", "-n", ns)).EnsureSuccess();
        (await Kubectl.RunAsync("create", "secret", "generic", "s", "--from-literal=k=v", "-n", ns)).EnsureSuccess();
        (await Kubectl.RunAsync("create", "deployment", "web", "--image=nginx:1", "--replicas=2", "-n", ns)).EnsureSuccess();

        var values = (await Kubectl.RunAsync("get", "configmap", "cm", "-n", ns, "-o", "jsonpath={.data.a}")).EnsureSuccess();
        Assert.Equal("b", values.StdOut);
        var secret = (await Kubectl.RunAsync("get", "secret", "s", "-n", ns, "-o", "jsonpath={.type} {.data.k}")).EnsureSuccess();
        Assert.Equal("Opaque dg==", secret.StdOut);
        var deployment = (await Kubectl.RunAsync("get", "deployment", "web", "-n", ns, "-o", "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.spec.selector.matchLabels.app}")).EnsureSuccess();
        Assert.Equal("2 nginx:1 web", deployment.StdOut);
    }

    [Fact]
    public async Task Rbac_rules_applied_with_kubectl_authorize_a_service_account_and_deny_the_rest()
    {
        var ns = Names.Unique("rbac");
        (await Kubectl.RunWithInputAsync(Manifests(ns, "operator:1"), "apply", "-f", "-")).EnsureSuccess();
        var user = $"system:serviceaccount:{ns}:operator";
        var saConfig = _fixture.Sandbox.WriteKubeconfig(Path.Combine(_fixture.Directory, $"{ns}.kubeconfig"), user);
        var asOperator = new Infrastructure.Kubectl(saConfig, Path.Combine(_fixture.Directory, ns));

        (await asOperator.RunAsync("get", "configmaps", "-n", ns)).EnsureSuccess();
        var denied = await asOperator.RunAsync("get", "secrets", "-n", ns);
        Assert.Equal(1, denied.ExitCode);
        Assert.Contains($"Error from server (Forbidden): secrets is forbidden: User \"{user}\" cannot list resource \"secrets\" in API group \"\" in the namespace \"{ns}\"", denied.StdErr, StringComparison.Ordinal);

        var canCreateLease = await asOperator.RunAsync("auth", "can-i", "create", "leases.coordination.k8s.io", "-n", ns);
        Assert.Equal((0, "yes"), (canCreateLease.ExitCode, canCreateLease.StdOut.Trim()));
        var canDeleteLease = await asOperator.RunAsync("auth", "can-i", "delete", "leases.coordination.k8s.io", "-n", ns);
        Assert.Equal((1, "no"), (canDeleteLease.ExitCode, canDeleteLease.StdOut.Trim()));
        var leaseElsewhere = await asOperator.RunAsync("auth", "can-i", "create", "leases.coordination.k8s.io", "-n", "default");
        Assert.Equal("no", leaseElsewhere.StdOut.Trim());

        // The admin can ask the same question by impersonation.
        var impersonated = await Kubectl.RunAsync("auth", "can-i", "list", "secrets", "-n", ns, $"--as={user}");
        Assert.Equal("no", impersonated.StdOut.Trim());
    }

    [Fact]
    public async Task Set_based_and_equality_selectors_select_the_same_objects_as_on_a_cluster()
    {
        var ns = Names.Unique("select");
        (await Kubectl.RunAsync("create", "namespace", ns)).EnsureSuccess();
        foreach (var (name, labels) in new[] { ("one", "app=a,tier=x"), ("two", "app=b"), ("three", "tier=y"), ("four", "app=c") })
        {
            (await Kubectl.RunAsync("create", "secret", "generic", name, "--from-literal=k=v", "-n", ns)).EnsureSuccess();
            (await Kubectl.RunAsync(["label", "secret", name, "-n", ns, .. labels.Split(',')])).EnsureSuccess();
        }

        async Task<string> Select(string selector) =>
            string.Join(' ', (await Kubectl.RunAsync("get", "secrets", "-n", ns, "-l", selector, "-o", "name")).EnsureSuccess()
                .StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(n => n.Replace("secret/", string.Empty, StringComparison.Ordinal)).Order(StringComparer.Ordinal));

        Assert.Equal("one two", await Select("app in (a,b)"));
        Assert.Equal("four three two", await Select("app notin (a)"));
        Assert.Equal("four two", await Select("app,!tier"));
        Assert.Equal("four one three", await Select("app!=b"));
        Assert.Equal("one", await Select("app==a,tier=x"));
    }

    [Fact]
    public async Task Apply_of_an_unknown_kind_fails_like_on_a_cluster()
    {
        var file = Kubectl.WriteFile("unknown/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n");

        var result = await Kubectl.RunAsync("apply", "-f", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no matches for kind \"Kustomization\" in version \"kustomize.config.k8s.io/v1beta1\"", result.StdErr, StringComparison.Ordinal);
    }
}

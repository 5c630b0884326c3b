using System.Text;
using k8s;
using k8s.Models;
using Quickstart.Tests.Support;

namespace Quickstart.Tests.Journeys;

/// <summary>The commands of docs/install.md ("Installing on a cluster", "GitOps with Argo CD"), run as written.</summary>
[Collection(OperatorCollection.Name)]
public sealed class InstallJourneyTests : IDisposable
{
    private readonly OperatorFixture _fixture;
    private readonly TempDirectory _directory = new("install");

    public InstallJourneyTests(OperatorFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task An_overlay_on_config_default_points_the_Deployment_at_your_registry_and_tag()
    {
        var overlay = _directory.Sub("my-cluster");
        var relative = Path.GetRelativePath(overlay, RepositoryRoot.File("config", "default")).Replace('\\', '/');
        await File.WriteAllTextAsync(Path.Combine(overlay, "kustomization.yaml"), $"""
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - {relative}
            images:
              - name: cpaas-operator
                newName: registry.example.com/platform/cpaas-operator
                newTag: 0.2.0
            """, new UTF8Encoding(false));

        var rendered = (await _fixture.KubectlAsync("kustomize", overlay)).EnsureSuccess().StdOut;

        var objects = KubeYaml.LoadAll(rendered);
        var deployment = objects.OfType<V1Deployment>().Single();
        Assert.Equal("registry.example.com/platform/cpaas-operator:0.2.0", deployment.Spec.Template.Spec.Containers.Single().Image);
        Assert.Equal(8, objects.Count);
    }

    [Fact]
    public async Task The_Argo_CD_snippet_merges_into_argocd_cm_with_kubectl_patch_and_keeps_other_settings()
    {
        var argocd = Names.Unique("argocd");
        (await _fixture.KubectlAsync("create", "namespace", argocd)).EnsureSuccess();
        (await _fixture.KubectlAsync("-n", argocd, "create", "configmap", "argocd-cm", "--from-literal=url=https://argocd.example.com")).EnsureSuccess();

        // The command of docs/install.md, with -n naming this test's namespace instead of argocd.
        (await _fixture.KubectlAsync("-n", argocd, "patch", "configmap", "argocd-cm", "--type", "merge", "--patch-file", RepositoryRoot.File("config", "argocd", "argocd-cm-patch.yaml"))).EnsureSuccess();

        var script = (await _fixture.KubectlAsync("-n", argocd, "get", "configmap", "argocd-cm", "-o", @"jsonpath={.data.resource\.customizations\.health\.cpaas\.enablex\.io_CpaasProject}")).EnsureSuccess().StdOut;
        var lua = await File.ReadAllTextAsync(RepositoryRoot.File("config", "argocd", "health.lua"));
        Assert.Equal(lua.Trim(), script.Trim());
        Assert.Equal("https://argocd.example.com", (await _fixture.KubectlAsync("-n", argocd, "get", "configmap", "argocd-cm", "-o", "jsonpath={.data.url}")).EnsureSuccess().StdOut);
    }

    public void Dispose() => _directory.Dispose();
}

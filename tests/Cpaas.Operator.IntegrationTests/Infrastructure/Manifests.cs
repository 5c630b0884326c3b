using k8s;
using k8s.Models;

namespace Cpaas.Operator.IntegrationTests.Infrastructure;

/// <summary>Installs the repository's manifests (config/crds, config/rbac) as an administrator would.</summary>
public static class Manifests
{
    public static async Task InstallAsync(Kubernetes admin, string operatorNamespace, CancellationToken cancellationToken = default)
    {
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = operatorNamespace } }, cancellationToken: cancellationToken);
        foreach (var folder in new[] { "crds", "rbac" })
        {
            foreach (var file in Directory.GetFiles(RepositoryPaths.Combine("config", folder), "*.yaml").Order(StringComparer.Ordinal))
            {
                if (Path.GetFileName(file) == "kustomization.yaml")
                {
                    continue;
                }

                foreach (var obj in KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(file, cancellationToken)))
                {
                    await CreateAsync(admin, obj, operatorNamespace, cancellationToken);
                }
            }
        }
    }

    private static Task CreateAsync(Kubernetes admin, object obj, string operatorNamespace, CancellationToken ct) => obj switch
    {
        V1CustomResourceDefinition crd => admin.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: ct),
        V1ServiceAccount account => admin.CoreV1.CreateNamespacedServiceAccountAsync(account, account.Metadata.NamespaceProperty ?? operatorNamespace, cancellationToken: ct),
        V1ClusterRole role => admin.RbacAuthorizationV1.CreateClusterRoleAsync(role, cancellationToken: ct),
        V1ClusterRoleBinding binding => admin.RbacAuthorizationV1.CreateClusterRoleBindingAsync(binding, cancellationToken: ct),
        V1Role role => admin.RbacAuthorizationV1.CreateNamespacedRoleAsync(role, role.Metadata.NamespaceProperty ?? operatorNamespace, cancellationToken: ct),
        V1RoleBinding binding => admin.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(binding, binding.Metadata.NamespaceProperty ?? operatorNamespace, cancellationToken: ct),
        _ => throw new InvalidOperationException($"Manifests: no installer for {obj.GetType().Name}"),
    };
}

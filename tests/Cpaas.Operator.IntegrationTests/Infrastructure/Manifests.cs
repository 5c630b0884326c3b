using System.Text;
using System.Text.Json;
using Controller.Runtime.Client;
using Controller.Runtime.Resources;
using Cpaas.Operator.Entities;
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

                foreach (var obj in KubeYaml.LoadAll(await File.ReadAllTextAsync(file, cancellationToken)))
                {
                    await CreateAsync(admin, obj, operatorNamespace, cancellationToken);
                }
            }
        }
    }

    /// <summary>The objects of every manifest in config/<paramref name="folder"/> (its kustomization.yaml left out).</summary>
    public static async Task<IReadOnlyList<object>> LoadAsync(string folder, CancellationToken cancellationToken = default)
    {
        var objects = new List<object>();
        foreach (var file in Directory.GetFiles(RepositoryPaths.Combine("config", folder), "*.yaml").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file) != "kustomization.yaml")
            {
                objects.AddRange(KubeYaml.LoadAll(await File.ReadAllTextAsync(file, cancellationToken)));
            }
        }

        return objects;
    }

    // Through the operator's JSON: KubernetesClient.Aot cannot write a model's free-form object fields (a CRD's
    // status subresource {}), and this also installs kinds it has no typed call for.
    private static async Task CreateAsync(Kubernetes admin, object obj, string operatorNamespace, CancellationToken ct)
    {
        var type = ResourceType.For(obj.GetType());
        var ns = ((IKubernetesObject<V1ObjectMeta>)obj).Metadata.NamespaceProperty ?? operatorNamespace;
        var body = JsonSerializer.Serialize(obj, KubeYaml.Json.Options.GetTypeInfo(obj.GetType()));
        using var created = await new KubeApiTransport(admin).SendAsync(
            HttpMethod.Post, type.CollectionPath(ns), null, new StringContent(body, Encoding.UTF8, "application/json"), ct);
    }
}

using System.Text.Json.Nodes;

namespace Cpaas.Benchmark.Harness.Kube;

/// <summary>REST paths of the kinds the harness creates.</summary>
public static class ManifestPaths
{
    public const string CpaasGroupVersion = "cpaas.enablex.io/v1alpha1";

    public static string AllProjects => $"/apis/{CpaasGroupVersion}/cpaasprojects";

    public static string Projects(string ns) => $"/apis/{CpaasGroupVersion}/namespaces/{ns}/cpaasprojects";

    public static string Project(string ns, string name) => $"{Projects(ns)}/{name}";

    public static string Secrets(string ns) => $"/api/v1/namespaces/{ns}/secrets";

    public static string Secret(string ns, string name) => $"{Secrets(ns)}/{name}";

    public static string AllSecrets => "/api/v1/secrets";

    /// <summary>The collection a manifest is created in, from its apiVersion, kind and namespace.</summary>
    public static string Collection(JsonObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var apiVersion = manifest["apiVersion"]?.GetValue<string>() ?? "";
        var kind = manifest["kind"]?.GetValue<string>() ?? "";
        var ns = manifest["metadata"]?["namespace"]?.GetValue<string>() ?? "default";
        return (apiVersion, kind) switch
        {
            ("v1", "Namespace") => "/api/v1/namespaces",
            ("v1", "Secret") => Secrets(ns),
            ("v1", "ServiceAccount") => $"/api/v1/namespaces/{ns}/serviceaccounts",
            ("rbac.authorization.k8s.io/v1", "ClusterRole") => "/apis/rbac.authorization.k8s.io/v1/clusterroles",
            ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding") => "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
            ("rbac.authorization.k8s.io/v1", "Role") => $"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles",
            ("rbac.authorization.k8s.io/v1", "RoleBinding") => $"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/rolebindings",
            ("apiextensions.k8s.io/v1", "CustomResourceDefinition") => "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
            (CpaasGroupVersion, "CpaasProject") => Projects(ns),
            _ => throw new ArgumentException($"The harness does not know where {apiVersion} {kind} lives"),
        };
    }
}

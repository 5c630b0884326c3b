using System.Collections.Concurrent;
using System.Reflection;
using k8s.Models;

namespace Controller.Runtime.Resources;

/// <summary>
/// Where a kind lives in the Kubernetes API: group (empty for the core group), version, plural resource name,
/// kind and scope. Enough to build every REST path of the kind, for built-ins and custom resources alike.
/// </summary>
public sealed record ResourceType(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    // Built-in kinds that are not namespaced; everything else defaults to namespaced unless marked [ClusterScoped].
    private static readonly HashSet<string> ClusterScopedBuiltIns = new(StringComparer.Ordinal)
    {
        "/Namespace", "/Node", "/PersistentVolume", "/ComponentStatus",
        "rbac.authorization.k8s.io/ClusterRole", "rbac.authorization.k8s.io/ClusterRoleBinding",
        "apiextensions.k8s.io/CustomResourceDefinition", "storage.k8s.io/StorageClass",
        "storage.k8s.io/CSIDriver", "storage.k8s.io/CSINode", "storage.k8s.io/VolumeAttachment",
        "admissionregistration.k8s.io/MutatingWebhookConfiguration",
        "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
        "apiregistration.k8s.io/APIService", "scheduling.k8s.io/PriorityClass",
        "certificates.k8s.io/CertificateSigningRequest", "node.k8s.io/RuntimeClass",
        "networking.k8s.io/IngressClass",
    };

    private static readonly ConcurrentDictionary<Type, ResourceType> ByType = new();

    /// <summary>"v1" for the core group, "group/version" otherwise (the objects' apiVersion).</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>
    /// The description of <typeparamref name="T"/>, read from its <see cref="KubernetesEntityAttribute"/>
    /// (every KubernetesClient model has one; custom entity classes declare it too) and
    /// <see cref="ClusterScopedAttribute"/>.
    /// </summary>
    public static ResourceType For<T>() => For(typeof(T));

    public static ResourceType For(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return ByType.GetOrAdd(type, static t =>
        {
            var entity = t.GetCustomAttribute<KubernetesEntityAttribute>()
                ?? throw new ArgumentException(
                    $"{t.Name} has no [KubernetesEntity] attribute: declare Group, ApiVersion, Kind and PluralName on it.",
                    nameof(type));
            if (string.IsNullOrEmpty(entity.Kind) || string.IsNullOrEmpty(entity.ApiVersion) || string.IsNullOrEmpty(entity.PluralName))
            {
                throw new ArgumentException($"[KubernetesEntity] on {t.Name} must name Kind, ApiVersion and PluralName.", nameof(type));
            }

            var group = entity.Group ?? string.Empty;
            var clusterScoped = t.GetCustomAttribute<ClusterScopedAttribute>() is not null
                || ClusterScopedBuiltIns.Contains($"{group}/{entity.Kind}");
            return new ResourceType(group, entity.ApiVersion, entity.PluralName, entity.Kind, !clusterScoped);
        });
    }

    /// <summary>
    /// The collection path relative to the API root: <c>api/v1/namespaces/ns/secrets</c>,
    /// <c>apis/group/version/plural</c>. A null namespace (or a cluster-scoped kind) gives the cluster-wide path.
    /// </summary>
    public string CollectionPath(string? @namespace)
    {
        var root = Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}";
        return Namespaced && !string.IsNullOrEmpty(@namespace)
            ? $"{root}/namespaces/{Uri.EscapeDataString(@namespace)}/{Plural}"
            : $"{root}/{Plural}";
    }

    /// <summary>The path of one object, optionally of a subresource such as "status".</summary>
    public string ObjectPath(ObjectKey key, string? subresource = null)
    {
        if (Namespaced && key.Namespace is null)
        {
            throw new ArgumentException($"{Kind} is namespaced: the key {key} needs a namespace.", nameof(key));
        }

        var path = $"{CollectionPath(key.Namespace)}/{Uri.EscapeDataString(key.Name)}";
        return subresource is null ? path : $"{path}/{subresource}";
    }

    /// <summary>True when an owner reference's apiVersion/kind point at this kind (the version is ignored, as in controller-runtime).</summary>
    public bool Matches(string? apiVersion, string? kind)
    {
        if (!string.Equals(kind, Kind, StringComparison.Ordinal) || apiVersion is null)
        {
            return false;
        }

        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        return string.Equals(group, Group, StringComparison.Ordinal);
    }

    public override string ToString() => Group.Length == 0 ? $"{Plural}.{Version}" : $"{Plural}.{Version}.{Group}";
}

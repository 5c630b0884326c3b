using k8s.Models;

namespace Cpaas.Operator.TestSupport;

/// <summary>One verb on one resource that a rule of a role grants to a user, where the binding applies it.</summary>
/// <param name="Role">"ClusterRole cpaas-operator" or "Role cpaas-system/cpaas-operator-leader-election".</param>
/// <param name="Rule">The rule's index in the role (0-based).</param>
/// <param name="Namespace">Null when granted in every namespace (a ClusterRoleBinding), else the binding's namespace.</param>
internal sealed record RbacGrant(string Role, int Rule, string ApiGroup, string Resource, string Verb, string? Namespace)
{
    /// <summary>Whether a request (verb, API group, resource or resource/subresource, namespace; "" = cluster scope) falls under this grant.</summary>
    public bool Covers(string verb, string apiGroup, string resource, string @namespace) =>
        Verb == verb && ApiGroup == apiGroup && Resource == resource && (Namespace is null || Namespace == @namespace);

    public override string ToString() =>
        $"{Role} rule {Rule}: {Verb} {(ApiGroup.Length == 0 ? "core" : ApiGroup)}/{Resource} {(Namespace is null ? "in every namespace" : "in namespace " + Namespace)}";
}

/// <summary>
/// What RBAC manifests grant a user, rule by rule and verb by verb: the Roles and ClusterRoles its RoleBindings and
/// ClusterRoleBindings bind (ServiceAccount and User subjects). Wildcards are not expanded (the manifests have none).
/// </summary>
internal static class RbacGrants
{
    public static IReadOnlyList<RbacGrant> For(IEnumerable<object> manifests, string user, string defaultNamespace)
    {
        var objects = manifests.ToList();
        var roles = objects.OfType<V1Role>().ToDictionary(r => (r.Metadata.NamespaceProperty ?? defaultNamespace, r.Metadata.Name), r => r.Rules);
        var clusterRoles = objects.OfType<V1ClusterRole>().ToDictionary(r => r.Metadata.Name, r => r.Rules);
        var grants = new List<RbacGrant>();
        foreach (var binding in objects.OfType<V1ClusterRoleBinding>().Where(b => Binds(b.Subjects, user, defaultNamespace)))
        {
            grants.AddRange(Expand($"ClusterRole {binding.RoleRef.Name}", clusterRoles.GetValueOrDefault(binding.RoleRef.Name), null));
        }

        foreach (var binding in objects.OfType<V1RoleBinding>())
        {
            var ns = binding.Metadata.NamespaceProperty ?? defaultNamespace;
            if (!Binds(binding.Subjects, user, ns))
            {
                continue;
            }

            grants.AddRange(binding.RoleRef.Kind == "ClusterRole"
                ? Expand($"ClusterRole {binding.RoleRef.Name}", clusterRoles.GetValueOrDefault(binding.RoleRef.Name), ns)
                : Expand($"Role {ns}/{binding.RoleRef.Name}", roles.GetValueOrDefault((ns, binding.RoleRef.Name)), ns));
        }

        return grants;
    }

    private static bool Binds(IList<Rbacv1Subject>? subjects, string user, string bindingNamespace) =>
        subjects?.Any(s => s.Kind switch
        {
            "ServiceAccount" => $"system:serviceaccount:{s.NamespaceProperty ?? bindingNamespace}:{s.Name}" == user,
            "User" => s.Name == user,
            _ => false,
        }) == true;

    private static IEnumerable<RbacGrant> Expand(string role, IList<V1PolicyRule>? rules, string? ns) =>
        (rules ?? throw new InvalidOperationException($"{role} is bound but not defined"))
            .SelectMany((rule, index) =>
                from apiGroup in rule.ApiGroups ?? []
                from resource in rule.Resources ?? []
                from verb in rule.Verbs
                select new RbacGrant(role, index, apiGroup, resource, verb, ns));
}

using System.Text.Json.Nodes;
using Kube.Sandbox.Storage;

namespace Kube.Sandbox.Auth;

/// <summary>
/// RBAC as kube-apiserver evaluates it, over the Role/ClusterRole/RoleBinding/ClusterRoleBinding objects stored
/// in the sandbox. system:masters bypasses it. Every authenticated user also gets what the default
/// system:discovery, system:basic-user and system:public-info-viewer bindings grant on a real cluster.
/// </summary>
public sealed class RbacAuthorizer
{
    private static readonly GroupResource Roles = new("rbac.authorization.k8s.io", "roles");
    private static readonly GroupResource ClusterRoles = new("rbac.authorization.k8s.io", "clusterroles");
    private static readonly GroupResource RoleBindings = new("rbac.authorization.k8s.io", "rolebindings");
    private static readonly GroupResource ClusterRoleBindings = new("rbac.authorization.k8s.io", "clusterrolebindings");

    private static readonly string[] DiscoveryPaths = ["/api", "/api/*", "/apis", "/apis/*", "/version", "/version/", "/healthz", "/livez", "/readyz", "/openapi", "/openapi/*"];

    private readonly ObjectStore _store;

    public RbacAuthorizer(ObjectStore store) => _store = store;

    public bool Allows(UserIdentity user, RequestAttributes request)
    {
        if (user.IsMaster)
        {
            return true;
        }

        if (IsDefaultAllowed(request))
        {
            return true;
        }

        return RulesFor(user, request.Namespace).Any(rule => Matches(rule, request));
    }

    private static bool IsDefaultAllowed(RequestAttributes request)
    {
        if (!request.IsResourceRequest)
        {
            return request.Verb == "get" && DiscoveryPaths.Any(p => PathMatches(p, request.Path));
        }

        return request.Group == "authorization.k8s.io" && request.Verb == "create"
            && request.Resource is "selfsubjectaccessreviews" or "selfsubjectrulesreviews";
    }

    /// <summary>The rules that apply to the user in a namespace (cluster-wide rules always; namespaced ones there).</summary>
    public IEnumerable<JsonObject> RulesFor(UserIdentity user, string @namespace)
    {
        foreach (var binding in _store.List(ClusterRoleBindings, null).Items.Select(b => b.ToJson()))
        {
            if (SubjectsMatch(binding, user, string.Empty) && (string?)binding["roleRef"]?["kind"] == "ClusterRole")
            {
                foreach (var rule in RoleRules(ClusterRoles, string.Empty, (string?)binding["roleRef"]?["name"]))
                {
                    yield return rule;
                }
            }
        }

        if (@namespace.Length == 0)
        {
            yield break;
        }

        foreach (var binding in _store.List(RoleBindings, @namespace).Items.Select(b => b.ToJson()))
        {
            if (!SubjectsMatch(binding, user, @namespace))
            {
                continue;
            }

            var roleName = (string?)binding["roleRef"]?["name"];
            var rules = (string?)binding["roleRef"]?["kind"] switch
            {
                "Role" => RoleRules(Roles, @namespace, roleName),
                "ClusterRole" => RoleRules(ClusterRoles, string.Empty, roleName),
                _ => [],
            };
            foreach (var rule in rules)
            {
                yield return rule;
            }
        }
    }

    private IEnumerable<JsonObject> RoleRules(GroupResource resource, string @namespace, string? name)
    {
        if (name is null || _store.Get(resource, @namespace, name) is not { } role)
        {
            return [];
        }

        return (role.ToJson()["rules"] as JsonArray)?.OfType<JsonObject>().Select(r => r.DeepClone().AsObject()).ToList() ?? [];
    }

    private static bool SubjectsMatch(JsonObject binding, UserIdentity user, string bindingNamespace)
    {
        foreach (var subject in (binding["subjects"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = (string?)subject["name"];
            switch ((string?)subject["kind"])
            {
                case "User" when name == user.Name:
                    return true;
                case "Group" when name is not null && user.Groups.Contains(name, StringComparer.Ordinal):
                    return true;
                case "ServiceAccount":
                    var ns = (string?)subject["namespace"] ?? bindingNamespace;
                    if (user.Name == $"system:serviceaccount:{ns}:{name}")
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray a ? a.Select(v => (string?)v).OfType<string>().ToList() : [];

    public static bool Matches(JsonObject rule, RequestAttributes request)
    {
        var verbs = Strings(rule["verbs"]);
        if (!verbs.Contains("*") && !verbs.Contains(request.Verb))
        {
            return false;
        }

        if (!request.IsResourceRequest)
        {
            return Strings(rule["nonResourceURLs"]).Any(p => PathMatches(p, request.Path));
        }

        var groups = Strings(rule["apiGroups"]);
        if (!groups.Contains("*") && !groups.Contains(request.Group))
        {
            return false;
        }

        var resources = Strings(rule["resources"]);
        var resourceMatch = resources.Any(r =>
            r == "*"
            || r == request.CombinedResource
            || (request.Subresource.Length > 0 && r == "*/" + request.Subresource));
        if (!resourceMatch)
        {
            return false;
        }

        var names = Strings(rule["resourceNames"]);
        return names.Count == 0 || (request.Name.Length > 0 && names.Contains(request.Name));
    }

    private static bool PathMatches(string pattern, string path) =>
        pattern == "*" || pattern == path || (pattern.EndsWith('*') && path.StartsWith(pattern[..^1], StringComparison.Ordinal));
}

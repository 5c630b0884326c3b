using k8s.Models;

namespace Cpaas.Operator.Tests.Config;

/// <summary>The Markdown table of docs/reference.md's security model, rendered from the RBAC manifests.</summary>
internal static class RbacTable
{
    public const string Begin = "<!-- rbac-verbs:begin (generated from config/rbac; RbacTableTests checks it) -->";
    public const string End = "<!-- rbac-verbs:end -->";

    public static string Render(IEnumerable<object> manifests)
    {
        var objects = manifests.ToList();
        var rows = new List<string>
        {
            "| Role | Where | API group | Resources | Verbs |",
            "|---|---|---|---|---|",
        };
        foreach (var role in objects.OfType<V1ClusterRole>())
        {
            rows.AddRange(role.Rules.Select(rule => Row($"ClusterRole `{role.Metadata.Name}`", "every namespace", rule)));
        }

        foreach (var role in objects.OfType<V1Role>())
        {
            rows.AddRange(role.Rules.Select(rule => Row($"Role `{role.Metadata.Name}`", $"namespace `{role.Metadata.NamespaceProperty}`", rule)));
        }

        return string.Join('\n', rows);
    }

    private static string Row(string role, string where, V1PolicyRule rule) =>
        $"| {role} | {where} | {string.Join(", ", rule.ApiGroups.Select(g => g.Length == 0 ? "core" : $"`{g}`"))} | {string.Join(", ", rule.Resources.Select(r => $"`{r}`"))} | {string.Join(", ", rule.Verbs)} |";
}

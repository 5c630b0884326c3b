using Cpaas.Operator.Tests.Support;

namespace Cpaas.Operator.Tests.Config;

/// <summary>docs/reference.md states the verbs the role files grant, not a list kept by hand.</summary>
public sealed class RbacTableTests
{
    [Fact]
    public async Task Security_model_lists_exactly_the_rules_of_config_rbac()
    {
        var expected = RbacTable.Render(KubeYaml.LoadAll(await Kustomize.BuildAsync(RepositoryPaths.Combine("config", "rbac")), strict: true));
        var reference = await File.ReadAllTextAsync(RepositoryPaths.Combine("docs", "reference.md"));

        var begin = reference.IndexOf(RbacTable.Begin, StringComparison.Ordinal);
        var end = reference.IndexOf(RbacTable.End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"docs/reference.md lacks the markers {RbacTable.Begin} ... {RbacTable.End}");
        var documented = reference[(begin + RbacTable.Begin.Length)..end].Trim();
        Assert.True(documented == expected, $"docs/reference.md's RBAC table differs from config/rbac; replace it with:\n{expected}");
    }
}

using Cpaas.Operator.Hosting;
using Cpaas.Operator.Tenancy;
using Microsoft.Extensions.Configuration;

namespace Cpaas.Operator.Tests.Tenancy;

public sealed class DefaultAccountNamespacesTests
{
    private static DefaultAccountNamespaces Parse(string text)
    {
        Assert.True(DefaultAccountNamespaces.TryParse(text, out var namespaces, out var problem), problem);
        return namespaces;
    }

    [Theory]
    [InlineData("*")]
    [InlineData(" * ")]
    public void A_star_allows_every_namespace(string text)
    {
        var namespaces = Parse(text);

        Assert.True(namespaces.AllowsAll);
        Assert.True(namespaces.Allows("team-a"));
        Assert.True(namespaces.Allows("kube-system"));
        Assert.Equal("*", namespaces.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ")]
    public void Empty_allows_no_namespace(string text)
    {
        var namespaces = Parse(text);

        Assert.False(namespaces.AllowsAll);
        Assert.False(namespaces.Allows("default"));
        Assert.Empty(namespaces.Names);
    }

    [Fact]
    public void A_list_allows_exactly_its_namespaces()
    {
        var namespaces = Parse("team-b, team-a,,team-a");

        Assert.True(namespaces.Allows("team-a"));
        Assert.True(namespaces.Allows("team-b"));
        Assert.False(namespaces.Allows("team-c"));
        Assert.False(namespaces.Allows("Team-a"));
        Assert.Equal("team-a,team-b", namespaces.ToString());
    }

    [Theory]
    [InlineData("Team-A", "'Team-A' is not a namespace name")]
    [InlineData("team_a", "'team_a' is not a namespace name")]
    [InlineData("-team", "'-team' is not a namespace name")]
    [InlineData("team-", "'team-' is not a namespace name")]
    [InlineData("a.b", "'a.b' is not a namespace name")]
    [InlineData("team-a,*", "'*' (all namespaces) cannot be combined with namespace names")]
    public void A_name_that_is_not_a_DNS_1123_label_is_refused_by_name(string text, string problem)
    {
        Assert.False(DefaultAccountNamespaces.TryParse(text, out _, out var actual));
        Assert.StartsWith(problem, actual, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_of_63_characters_is_a_name_and_of_64_is_not()
    {
        Assert.True(Parse(new string('a', 63)).Allows(new string('a', 63)));
        Assert.False(DefaultAccountNamespaces.TryParse(new string('a', 64), out _, out _));
    }

    [Fact]
    public void The_setting_defaults_to_every_namespace_and_reads_flag_then_environment()
    {
        var byDefault = Bind([], _ => null);
        var fromEnvironment = Bind([], name => name == "CPAAS_OPERATOR_DEFAULT_ACCOUNT_NAMESPACES" ? "team-a" : null);
        var fromFlag = Bind(["--default-account-namespaces="], name => name == "CPAAS_OPERATOR_DEFAULT_ACCOUNT_NAMESPACES" ? "team-a" : null);

        Assert.True(byDefault.GetDefaultAccountNamespaces().AllowsAll);
        Assert.Equal("team-a", fromEnvironment.GetDefaultAccountNamespaces().ToString());
        Assert.Same(DefaultAccountNamespaces.None, fromFlag.GetDefaultAccountNamespaces());
        Assert.Empty(fromFlag.Validate());
    }

    [Fact]
    public void A_bad_namespace_is_a_problem_naming_the_flag()
    {
        var problems = Bind(["--default-account-namespaces", "team-a,Team_B"], _ => null).Validate();

        var problem = Assert.Single(problems);
        Assert.StartsWith("--default-account-namespaces must be * (all namespaces), empty (none) or comma-separated namespace names: 'Team_B' is not a namespace name", problem, StringComparison.Ordinal);
    }

    private static OperatorOptions Bind(string[] args, Func<string, string?> environment)
    {
        var options = new OperatorOptions();
        OperatorSettings.Build(args, environment).Bind(options);
        return options;
    }
}

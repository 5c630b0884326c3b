using Cpaas.Operator.Hosting;

namespace Cpaas.Operator.Tests.Hosting;

public class LabelSelectorSyntaxTests
{
    [Theory]
    [InlineData("")]
    [InlineData("shard=a")]
    [InlineData("shard==a")]
    [InlineData("shard!=a")]
    [InlineData("shard in (a,b)")]
    [InlineData("shard in(a, b)")]
    [InlineData("shard notin (c)")]
    [InlineData("shard")]
    [InlineData("!shard")]
    [InlineData("cpaas.enablex.io/shard=a,tier=gold")]
    [InlineData("shard=a, team in (x,y), !legacy")]
    [InlineData("shard=")]
    public void Valid_selectors_have_no_problem(string selector) => Assert.Null(LabelSelectorSyntax.Problem(selector));

    [Theory]
    [InlineData("shard=a b")]
    [InlineData("shard=a,")]
    [InlineData("=a")]
    [InlineData("shard in a,b")]
    [InlineData("shard in (a,b")]
    [InlineData("Shard.Example.COM/x=a")]
    [InlineData("shard=-a")]
    [InlineData("shard>3")]
    [InlineData("sh@rd=a")]
    public void Invalid_selectors_name_the_bad_term(string selector) => Assert.NotNull(LabelSelectorSyntax.Problem(selector));

    [Fact]
    public void A_bad_watch_label_selector_is_one_problem_naming_the_flag()
    {
        var options = new OperatorOptions { WatchLabelSelector = "shard in a" };
        var problem = Assert.Single(options.Validate());
        Assert.StartsWith("--watch-label-selector", problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem);
    }

    [Fact]
    public async Task The_process_exits_2_on_a_bad_watch_label_selector_before_connecting_anywhere()
    {
        var exit = await OperatorHost.RunAsync(["--watch-label-selector", "shard=a b", "--kubeconfig", "/nonexistent"], _ => null, CancellationToken.None);
        Assert.Equal(2, exit);
    }
}

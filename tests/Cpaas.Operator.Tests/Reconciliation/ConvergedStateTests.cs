using Cpaas.Operator.Reconciliation;

namespace Cpaas.Operator.Tests.Reconciliation;

public sealed class ConvergedStateTests
{
    private static readonly Dictionary<string, string> Hashes = new() { ["embed.subdomain"] = "v1:abc" };
    private static readonly ConvergedState State = ConvergedState.Of(4, Hashes, "token-1", "demo-cpaas", "120");

    [Fact]
    public void Matches_when_nothing_changed() => Assert.True(State.Matches(4, new Dictionary<string, string>(Hashes), "token-1", "demo-cpaas", "120"));

    [Theory]
    [InlineData(5, "v1:abc", "token-1", "demo-cpaas", "120")]
    [InlineData(4, "v1:xyz", "token-1", "demo-cpaas", "120")]
    [InlineData(4, "v1:abc", "token-2", "demo-cpaas", "120")]
    [InlineData(4, "v1:abc", "token-1", "other-name", "120")]
    [InlineData(4, "v1:abc", "token-1", "demo-cpaas", "121")]
    [InlineData(4, "v1:abc", "token-1", "demo-cpaas", null)]
    public void Any_change_means_look_again(long generation, string hash, string token, string secretName, string? secretVersion) =>
        Assert.False(State.Matches(generation, new Dictionary<string, string> { ["embed.subdomain"] = hash }, token, secretName, secretVersion));

    [Fact]
    public void The_order_of_the_hashes_does_not_matter_but_a_missing_or_extra_field_does()
    {
        var two = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" };
        var state = ConvergedState.Of(1, two, null, "s", "1");

        Assert.True(state.Matches(1, new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" }, null, "s", "1"));
        Assert.False(state.Matches(1, new Dictionary<string, string> { ["a"] = "1" }, null, "s", "1"));
        Assert.False(state.Matches(1, new Dictionary<string, string> { ["a"] = "1", ["b"] = "2", ["c"] = "3" }, null, "s", "1"));
        Assert.False(state.Matches(1, new Dictionary<string, string> { ["a"] = "12", ["b"] = "" }, null, "s", "1"));
    }
}

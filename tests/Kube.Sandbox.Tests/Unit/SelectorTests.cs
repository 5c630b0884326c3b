using System.Text.Json.Nodes;
using Kube.Sandbox.Http;
using Kube.Sandbox.Storage;

namespace Kube.Sandbox.Tests.Unit;

public sealed class SelectorTests
{
    private static JsonObject Obj(string labels) => JsonNode.Parse($$"""{"metadata":{"name":"n","namespace":"ns","labels":{{labels}}},"type":"Opaque"}""")!.AsObject();

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app!=web", false)]
    [InlineData("app in (web, api)", true)]
    [InlineData("app notin (web)", false)]
    [InlineData("tier", true)]
    [InlineData("!tier", false)]
    [InlineData("!missing", true)]
    [InlineData("app=web,tier=gold", true)]
    [InlineData("app in (api),tier", false)]
    public void Label_selector_matches_like_kube_apiserver(string selector, bool expected) =>
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Obj("""{"app":"web","tier":"gold"}""")));

    [Fact]
    public void Invalid_label_selector_is_a_BadRequest() =>
        Assert.Equal(400, Assert.Throws<ApiException>(() => LabelSelector.Parse("app in web")).Code);

    [Theory]
    [InlineData("metadata.name=n", true)]
    [InlineData("metadata.name!=n", false)]
    [InlineData("metadata.namespace==ns,type=Opaque", true)]
    [InlineData("metadata.name=other", false)]
    public void Field_selector_matches_dotted_paths(string selector, bool expected) =>
        Assert.Equal(expected, FieldSelector.Parse(selector).Matches(Obj("{}")));
}

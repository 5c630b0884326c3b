using System.Text.Json.Nodes;
using Kube.Sandbox.Http;
using Kube.Sandbox.Patching;

namespace Kube.Sandbox.Tests.Unit;

public sealed class JsonPatchTests
{
    [Fact]
    public void Operations_apply_in_order_with_escaped_paths()
    {
        var doc = JsonNode.Parse("""{"metadata":{"labels":{"a/b":"1"}},"list":[1,2]}""")!;
        var patch = JsonNode.Parse("""
            [
              {"op":"test","path":"/metadata/labels/a~1b","value":"1"},
              {"op":"replace","path":"/metadata/labels/a~1b","value":"2"},
              {"op":"add","path":"/list/-","value":3},
              {"op":"add","path":"/list/0","value":0},
              {"op":"remove","path":"/list/1"},
              {"op":"copy","from":"/list","path":"/copy"},
              {"op":"move","from":"/copy","path":"/moved"}
            ]
            """);

        var result = JsonPatch.Apply(doc, patch);

        Assert.Equal("""{"metadata":{"labels":{"a/b":"2"}},"list":[0,2,3],"moved":[0,2,3]}""", result.ToJsonString());
    }

    [Fact]
    public void Failed_test_operation_is_Invalid()
    {
        var doc = JsonNode.Parse("""{"a":1}""")!;
        var e = Assert.Throws<ApiException>(() => JsonPatch.Apply(doc, JsonNode.Parse("""[{"op":"test","path":"/a","value":2}]""")));
        Assert.Equal(422, e.Code);
    }

    [Fact]
    public void Merge_patch_null_removes_and_objects_merge()
    {
        var result = JsonMergePatch.Apply(JsonNode.Parse("""{"a":{"b":1,"c":2},"d":[1]}"""), JsonNode.Parse("""{"a":{"b":null,"e":3},"d":[2]}"""));
        Assert.Equal("""{"a":{"c":2,"e":3},"d":[2]}""", result!.ToJsonString());
    }
}

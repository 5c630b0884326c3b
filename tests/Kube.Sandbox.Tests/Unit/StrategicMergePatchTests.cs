using System.Text.Json.Nodes;
using Kube.Sandbox.Patching;

namespace Kube.Sandbox.Tests.Unit;

public sealed class StrategicMergePatchTests
{
    private static JsonNode? Apply(string original, string patch) => StrategicMergePatch.Apply(JsonNode.Parse(original), JsonNode.Parse(patch));

    [Fact]
    public void Containers_merge_by_name_and_setElementOrder_orders_them()
    {
        var result = Apply(
            """{"containers":[{"name":"a","image":"a:1","args":["x"]},{"name":"b","image":"b:1"}]}""",
            """{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}],"containers":[{"name":"a","image":"a:2"}]}""");

        Assert.Equal("""{"containers":[{"name":"b","image":"b:1"},{"name":"a","image":"a:2","args":["x"]}]}""", result!.ToJsonString());
    }

    [Fact]
    public void Patch_delete_directive_removes_a_list_element()
    {
        var result = Apply(
            """{"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}""",
            """{"env":[{"name":"A","$patch":"delete"}]}""");

        Assert.Equal("""{"env":[{"name":"B","value":"2"}]}""", result!.ToJsonString());
    }

    [Fact]
    public void Lists_without_merge_key_are_replaced_and_finalizers_merge_as_a_set()
    {
        var result = Apply(
            """{"args":["a","b"],"metadata":{"finalizers":["x"]}}""",
            """{"args":["c"],"metadata":{"finalizers":["y","x"]}}""");

        Assert.Equal("""{"args":["c"],"metadata":{"finalizers":["x","y"]}}""", result!.ToJsonString());
    }

    [Fact]
    public void Null_deletes_a_key_and_deleteFromPrimitiveList_removes_values()
    {
        var result = Apply(
            """{"labels":{"a":"1","b":"2"},"metadata":{"finalizers":["x","y"]}}""",
            """{"labels":{"a":null},"metadata":{"$deleteFromPrimitiveList/finalizers":["x"]}}""");

        Assert.Equal("""{"labels":{"b":"2"},"metadata":{"finalizers":["y"]}}""", result!.ToJsonString());
    }

    [Fact]
    public void Retain_keys_and_replace_directives_drop_unlisted_fields()
    {
        var retained = Apply(
            """{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}""",
            """{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}""");
        Assert.Equal("""{"strategy":{"type":"Recreate"}}""", retained!.ToJsonString());

        var replaced = Apply("""{"spec":{"a":1,"b":2}}""", """{"spec":{"$patch":"replace","c":3}}""");
        Assert.Equal("""{"spec":{"c":3}}""", replaced!.ToJsonString());
    }

    [Fact]
    public void Service_ports_merge_by_port_and_container_ports_by_containerPort()
    {
        var service = Apply("""{"ports":[{"port":80,"name":"http"},{"port":443,"name":"https"}]}""", """{"ports":[{"port":80,"name":"web"}]}""");
        Assert.Equal("""{"ports":[{"port":80,"name":"web"},{"port":443,"name":"https"}]}""", service!.ToJsonString());

        var container = Apply("""{"ports":[{"containerPort":8080,"name":"a"}]}""", """{"ports":[{"containerPort":9090,"name":"b"}]}""");
        Assert.Equal("""{"ports":[{"containerPort":8080,"name":"a"},{"containerPort":9090,"name":"b"}]}""", container!.ToJsonString());
    }
}

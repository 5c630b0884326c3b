using Controller.Runtime.Resources;
using Controller.Runtime.Tests.Support;
using k8s.Models;

namespace Controller.Runtime.Tests.Resources;

public sealed class ResourceTypeTests
{
    [Fact]
    public void Core_kinds_live_under_api_v1()
    {
        var secrets = ResourceType.For<V1Secret>();

        Assert.Equal(new ResourceType("", "v1", "secrets", "Secret", true), secrets);
        Assert.Equal("v1", secrets.ApiVersion);
        Assert.Equal("api/v1/namespaces/ns/secrets", secrets.CollectionPath("ns"));
        Assert.Equal("api/v1/secrets", secrets.CollectionPath(null));
        Assert.Equal("api/v1/namespaces/ns/secrets/s/status", secrets.ObjectPath(new ObjectKey("ns", "s"), "status"));
    }

    [Fact]
    public void Custom_kinds_live_under_apis_group_version()
    {
        var widgets = ResourceType.For<Widget>();

        Assert.Equal("example.com/v1", widgets.ApiVersion);
        Assert.Equal("apis/example.com/v1/namespaces/ns/widgets/w", widgets.ObjectPath(new ObjectKey("ns", "w")));
    }

    [Fact]
    public void Cluster_scoped_kinds_ignore_the_namespace()
    {
        var namespaces = ResourceType.For<V1Namespace>();
        var leases = ResourceType.For<V1Lease>();

        Assert.False(namespaces.Namespaced);
        Assert.Equal("api/v1/namespaces/x", namespaces.ObjectPath(new ObjectKey(null, "x")));
        Assert.Equal("apis/coordination.k8s.io/v1/namespaces/ns/leases", leases.CollectionPath("ns"));
    }

    [Fact]
    public void Owner_matching_compares_group_and_kind_but_not_version()
    {
        var widgets = ResourceType.For<Widget>();

        Assert.True(widgets.Matches("example.com/v1", "Widget"));
        Assert.True(widgets.Matches("example.com/v2beta1", "Widget"));
        Assert.False(widgets.Matches("other.com/v1", "Widget"));
        Assert.False(widgets.Matches("example.com/v1", "Gadget"));
        Assert.True(ResourceType.For<V1Secret>().Matches("v1", "Secret"));
    }

    [Fact]
    public void Object_keys_print_and_parse_as_namespace_slash_name()
    {
        Assert.Equal("ns/name", new ObjectKey("ns", "name").ToString());
        Assert.Equal("name", new ObjectKey("", "name").ToString());
        Assert.Equal(new ObjectKey(null, "name"), new ObjectKey("", "name"));
        Assert.Equal(new ObjectKey("ns", "name"), ObjectKey.Parse("ns/name"));
    }
}

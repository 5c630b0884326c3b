using Controller.Runtime.Cache;
using k8s.Models;

namespace Controller.Runtime.Tests.Cache;

public sealed class MetadataSharingTests
{
    private static V1Secret Secret(string name) => new()
    {
        ApiVersion = new string("v1".AsSpan()),
        Kind = new string("Secret".AsSpan()),
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = new string("team-a".AsSpan()),
            Labels = new Dictionary<string, string> { [new string("example.com/managed-by".AsSpan())] = new string("ctl".AsSpan()), ["example.com/instance"] = name },
            ManagedFields = [new V1ManagedFieldsEntry { Manager = "kubectl" }],
            OwnerReferences = [new V1OwnerReference { ApiVersion = new string("example.com/v1".AsSpan()), Kind = new string("Widget".AsSpan()), Name = name, Uid = "u-" + name }],
        },
    };

    [Fact]
    public void Repeated_strings_become_one_instance_values_only_for_the_named_keys_and_managed_fields_go()
    {
        var pool = new StringPool();
        var repeated = new HashSet<string> { "example.com/managed-by" };

        var one = MetadataSharing.Apply(Secret(new string("one".AsSpan())), pool, repeated);
        var two = MetadataSharing.Apply(Secret(new string("two".AsSpan())), pool, repeated);

        Assert.Null(one.Metadata.ManagedFields);
        Assert.Same(one.ApiVersion, two.ApiVersion);
        Assert.Same(one.Kind, two.Kind);
        Assert.Same(one.Metadata.NamespaceProperty, two.Metadata.NamespaceProperty);
        Assert.Same(one.Metadata.OwnerReferences[0].Kind, two.Metadata.OwnerReferences[0].Kind);
        Assert.Same(one.Metadata.Labels.Keys.First(), two.Metadata.Labels.Keys.First());
        Assert.Same(one.Metadata.Labels["example.com/managed-by"], two.Metadata.Labels["example.com/managed-by"]);
        Assert.Equal(("one", "two"), (one.Metadata.Labels["example.com/instance"], two.Metadata.Labels["example.com/instance"]));
        var name = new string("one".AsSpan());
        Assert.Same(name, pool.Share(name)); // not pooled before: names are not shared

    }

    [Fact]
    public void A_full_pool_returns_new_strings_as_they_are()
    {
        var pool = new StringPool(capacity: 2);
        pool.Share("a");
        pool.Share("b");

        var c = new string("c".AsSpan());

        Assert.Same(c, pool.Share(c));
        Assert.Same(c, pool.Share(c));
        Assert.NotSame(pool.Share(new string("c".AsSpan())), c);
        Assert.Equal(2, pool.Count);
    }
}

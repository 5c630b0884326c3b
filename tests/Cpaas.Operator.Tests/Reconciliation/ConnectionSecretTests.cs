using Cpaas.Operator.Entities;
using Cpaas.Operator.Reconciliation;
using k8s.Models;

namespace Cpaas.Operator.Tests.Reconciliation;

public class ConnectionSecretTests
{
    private static readonly CpaasProject Owner = new()
    {
        Metadata = new V1ObjectMeta { Name = "demo", NamespaceProperty = "team-a", Uid = "uid-demo" },
        Spec = new CpaasProjectSpec { CategoryId = "education" },
    };

    private static V1Secret Secret(IDictionary<string, string>? labels, params V1OwnerReference[] owners) => new()
    {
        Metadata = new V1ObjectMeta { Name = "demo-cpaas", NamespaceProperty = "team-a", Labels = labels, OwnerReferences = owners },
    };

    private static V1OwnerReference Controller(string uid) =>
        new() { ApiVersion = WellKnownNames.ApiVersion, Kind = WellKnownNames.Kind, Name = "other", Uid = uid, Controller = true };

    private static readonly Dictionary<string, string> OurLabel = new() { [WellKnownNames.Labels.ManagedBy] = WellKnownNames.Labels.ManagedByValue };

    [Fact]
    public void A_missing_Secret_or_one_this_resource_controls_may_be_written() =>
        Assert.All(new[] { null, Secret(OurLabel, Controller("uid-demo")), Secret(null, Controller("uid-demo")) }, s => Assert.Null(ConnectionSecret.WhyNotOurs(s, Owner)));

    [Fact]
    public void An_orphan_the_operator_wrote_before_may_be_taken_back() =>
        Assert.Null(ConnectionSecret.WhyNotOurs(Secret(OurLabel), Owner));

    [Fact]
    public void A_user_Secret_without_owner_or_label_is_never_taken_over() =>
        Assert.Equal("already exists and was not written by cpaas-operator", ConnectionSecret.WhyNotOurs(Secret(new Dictionary<string, string> { ["app"] = "db" }), Owner));

    [Fact]
    public void A_Secret_controlled_by_another_object_is_never_taken_over_even_with_our_label() =>
        Assert.Equal("is controlled by CpaasProject other", ConnectionSecret.WhyNotOurs(Secret(OurLabel, Controller("uid-other")), Owner));

    [Theory]
    [InlineData("demo-cpaas", true)]
    [InlineData("a.b-c.d", true)]
    [InlineData("Demo-cpaas", false)]
    [InlineData("demo_cpaas", false)]
    [InlineData("-demo", false)]
    [InlineData("demo.", false)]
    public void Secret_names_follow_the_dns_subdomain_rule(string name, bool valid) =>
        Assert.Equal(valid, ConnectionSecret.InvalidName(name) is null);

    [Fact]
    public void A_name_longer_than_253_characters_is_refused_with_its_length()
    {
        var name = new string('n', 250) + "-cpaas";

        Assert.Equal("is 256 characters long; a Secret name has at most 253", ConnectionSecret.InvalidName(name));
        Assert.Null(ConnectionSecret.InvalidName(new string('n', 247) + "-cpaas"));
    }
}

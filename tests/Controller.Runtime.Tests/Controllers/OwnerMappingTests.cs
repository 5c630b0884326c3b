using Controller.Runtime.Controllers;
using Controller.Runtime.Resources;
using Controller.Runtime.Tests.Support;

namespace Controller.Runtime.Tests.Controllers;

public sealed class OwnerMappingTests
{
    private static readonly ResourceType Widgets = ResourceType.For<Widget>();

    [Fact]
    public void An_owned_secret_maps_to_its_controlling_owner_in_the_same_namespace()
    {
        var secret = Objects.Secret("team-a", "w-cpaas");
        secret.Metadata.OwnerReferences = [Objects.ControllerRef("example.com/v1", "Widget", "w")];

        Assert.Equal([new ObjectKey("team-a", "w")], OwnerMapping.ControllerOwnerKeys(secret, Widgets));
    }

    [Fact]
    public void Non_controller_references_and_other_kinds_or_groups_are_ignored()
    {
        var secret = Objects.Secret("team-a", "s");
        secret.Metadata.OwnerReferences =
        [
            Objects.ControllerRef("example.com/v1", "Widget", "not-controller", controller: false),
            Objects.ControllerRef("other.io/v1", "Widget", "other-group"),
            Objects.ControllerRef("example.com/v1", "Gadget", "other-kind"),
            Objects.ControllerRef("example.com/v2", "Widget", "other-version"),
        ];

        Assert.Equal([new ObjectKey("team-a", "other-version")], OwnerMapping.ControllerOwnerKeys(secret, Widgets));
    }

    [Fact]
    public void An_object_without_owners_maps_to_nothing()
    {
        Assert.Empty(OwnerMapping.ControllerOwnerKeys(Objects.Secret("a", "s"), Widgets));
    }
}

using Cpaas.Operator.Entities;
using Cpaas.Operator.Hosting;
using k8s.Models;

namespace Cpaas.Operator.Tests.Hosting;

public class ProjectCacheTransformTests
{
    private static CpaasProject Project(string name, IDictionary<string, string>? annotations, IDictionary<string, string>? hashes) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "team-a",
            ResourceVersion = "7",
            Annotations = annotations,
            ManagedFields = [new V1ManagedFieldsEntry { Manager = "kubectl" }],
        },
        Spec = new CpaasProjectSpec { CategoryId = "education" },
        Status = hashes is null ? null : new CpaasProjectStatus { AppId = "a1", AppliedInputHashes = hashes },
    };

    [Fact]
    public void Managed_fields_and_the_last_applied_copy_of_the_spec_are_dropped_and_other_annotations_kept()
    {
        var project = Project("demo", new Dictionary<string, string>
        {
            [ProjectCacheTransform.LastAppliedAnnotation] = "{\"spec\":{}}",
            [WellKnownNames.Annotations.Paused] = "true",
        }, null);

        var cached = new ProjectCacheTransform().Apply(project);

        Assert.Null(cached.Metadata.ManagedFields);
        Assert.Equal([WellKnownNames.Annotations.Paused], cached.Metadata.Annotations!.Keys);
        Assert.Equal(("team-a", "demo", "7"), (cached.Metadata.NamespaceProperty, cached.Metadata.Name, cached.Metadata.ResourceVersion));
    }

    [Fact]
    public void An_object_whose_only_annotation_was_stripped_keeps_an_empty_map_so_writers_know_the_server_has_one()
    {
        var project = Project("demo", new Dictionary<string, string> { [ProjectCacheTransform.LastAppliedAnnotation] = "{}" }, null);

        var cached = new ProjectCacheTransform().Apply(project);

        Assert.NotNull(cached.Metadata.Annotations);
        Assert.Empty(cached.Metadata.Annotations);
    }

    [Fact]
    public void Applied_input_hashes_keep_their_values_and_share_one_instance_of_each_field_path_across_resources()
    {
        var transform = new ProjectCacheTransform();
        var first = transform.Apply(Project("one", null, new Dictionary<string, string> { [new string("video.sip.password".AsSpan())] = "v1:a" }));
        var second = transform.Apply(Project("two", null, new Dictionary<string, string> { [new string("video.sip.password".AsSpan())] = "v1:b" }));

        var firstPath = Assert.Single(first.Status!.AppliedInputHashes!).Key;
        var secondPath = Assert.Single(second.Status!.AppliedInputHashes!).Key;
        Assert.Same(firstPath, secondPath);
        Assert.Equal("v1:a", first.Status.AppliedInputHashes!["video.sip.password"]);
        Assert.Equal("v1:b", second.Status.AppliedInputHashes!["video.sip.password"]);
    }
}

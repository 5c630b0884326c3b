using Cpaas.Operator.Entities;
using Cpaas.Operator.Entities.Summary;
using Cpaas.Operator.Hosting;
using Cpaas.Operator.Mapping;
using k8s.Models;

namespace Cpaas.Operator.Tests.Hosting;

public class ProjectCacheTransformTests
{
    // What the informer hands the transform: the resource's JSON decoded as the summary type.
    private static CpaasProjectSummary Decoded(CpaasProject project) =>
        OperatorJson.Kube.Deserialize<CpaasProjectSummary>(OperatorJson.Kube.Serialize(project));

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

        var cached = new ProjectCacheTransform().Apply(Decoded(project));

        Assert.Null(cached.Metadata.ManagedFields);
        Assert.Equal([WellKnownNames.Annotations.Paused], cached.Metadata.Annotations!.Keys);
        Assert.Equal(("team-a", "demo", "7"), (cached.Metadata.NamespaceProperty, cached.Metadata.Name, cached.Metadata.ResourceVersion));
    }

    [Fact]
    public void An_object_whose_only_annotation_was_stripped_keeps_an_empty_map_so_writers_know_the_server_has_one()
    {
        var project = Project("demo", new Dictionary<string, string> { [ProjectCacheTransform.LastAppliedAnnotation] = "{}" }, null);

        var cached = new ProjectCacheTransform().Apply(Decoded(project));

        Assert.NotNull(cached.Metadata.Annotations);
        Assert.Empty(cached.Metadata.Annotations);
    }

    [Fact]
    public void Sections_are_kept_only_as_present_or_absent_so_the_services_a_project_includes_are_still_known()
    {
        var project = Project("demo", null, null);
        project.Spec = project.Spec with
        {
            AppName = "demo-app",
            Description = "kept",
            CredentialsSecretRef = new SecretReference { Name = "creds" },
            Video = new VideoSpec { NotificationUrl = "https://hooks.example.com/video" },
            Sms = new SmsSpec(),
        };
        var before = ProjectRequestMapper.ServicesFor(project.Spec);

        var cached = new ProjectCacheTransform().Apply(Decoded(project));

        Assert.Equal(before, Cpaas.Operator.Drift.DesiredEditFields.From(cached).Services);
        Assert.Same(SectionPresence.Present, cached.Spec.Video);
        Assert.Same(SectionPresence.Present, cached.Spec.Sms);
        Assert.Null(cached.Spec.Voice);
        Assert.Null(cached.Spec.Embed);
        Assert.Equal(("demo-app", "kept", "creds", "education"), (cached.Spec.AppName, cached.Spec.Description, cached.Spec.CredentialsSecretRef!.Name, cached.Spec.CategoryId));
    }

    [Fact]
    public void The_status_keeps_what_the_sweep_and_the_fleet_metrics_read_and_drops_what_only_a_reconcile_reads()
    {
        var project = Project("demo", null, new Dictionary<string, string> { ["video.sip.password"] = "v1:a" });
        project.Status = project.Status! with
        {
            ObservedGeneration = 3,
            ObservedUpdatedAt = "2026-12-01T10:00:00Z",
            ConnectionSecretName = "demo-cpaas",
            Conditions = [new V1Condition { Type = "Ready", Status = "True", Reason = "ReconcileSuccess", Message = "applied" }],
            AppliedInputDigests = new AppliedInputDigestsStatus { Video = "v2:abcdefgh" },
            ProjectStatus = new ProjectStatusInfo { Status = "active" },
            Services = new ServicesStatus(),
            Embed = new EmbedStatus(),
            LastDriftRepair = new DriftRepairStatus(),
        };

        var status = new ProjectCacheTransform().Apply(Decoded(project)).Status!;

        // The summary type has no other status field: what only a reconcile reads cannot be read from the cache.
        Assert.Equal(("a1", "2026-12-01T10:00:00Z"), (status.AppId, status.ObservedUpdatedAt));
        Assert.Equal("ReconcileSuccess", Assert.Single(status.Conditions!).Reason);
    }

    [Fact]
    public void Strings_every_resource_repeats_are_one_instance_across_resources_and_names_are_not_pooled()
    {
        var transform = new ProjectCacheTransform();
        CpaasProjectSummary Cached(string name)
        {
            var project = Project(name, new Dictionary<string, string> { [new string("example.com/owner".AsSpan())] = name }, null);
            project.Metadata.NamespaceProperty = new string("team-a".AsSpan());
            project.Metadata.Finalizers = [new string("cpaas.enablex.io/finalizer".AsSpan())];
            project.Status = new CpaasProjectStatus
            {
                Conditions = [new V1Condition { Type = new string("Ready".AsSpan()), Reason = new string("ReconcileSuccess".AsSpan()), Message = new string("applied".AsSpan()) }],
            };
            return transform.Apply(Decoded(project));
        }

        var first = Cached("one");
        var second = Cached("two");

        Assert.Same(first.Metadata.NamespaceProperty, second.Metadata.NamespaceProperty);
        Assert.Same(first.Metadata.Annotations!.Keys.Single(), second.Metadata.Annotations!.Keys.Single());
        Assert.Same(first.Metadata.Finalizers![0], second.Metadata.Finalizers![0]);
        Assert.Same(first.Status!.Conditions![0].Reason, second.Status!.Conditions![0].Reason);
        Assert.Same(first.Status.Conditions[0].Message, second.Status.Conditions[0].Message);
        Assert.Equal(("one", "two"), (first.Metadata.Annotations.Values.Single(), second.Metadata.Annotations.Values.Single()));
    }
}

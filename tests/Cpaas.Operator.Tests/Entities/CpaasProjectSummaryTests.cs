using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Controller.Runtime.Resources;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Entities.Summary;
using Cpaas.Operator.Tests.Config;
using k8s.Models;

namespace Cpaas.Operator.Tests.Entities;

public sealed class CpaasProjectSummaryTests
{
    private static CpaasProject FullProject()
    {
        var project = SampleTests.LoadTyped("full-demo").OfType<CpaasProject>().Single();
        project.Metadata.NamespaceProperty = "team-a";
        project.Metadata.ResourceVersion = "12";
        project.Status = new CpaasProjectStatus
        {
            AppId = "app-1",
            ObservedGeneration = 2,
            ObservedUpdatedAt = "2026-12-01T10:00:00Z",
            Conditions = [new V1Condition { Type = "Ready", Status = "True", Reason = "ReconcileSuccess", Message = "applied" }],
            AppliedInputDigests = new AppliedInputDigestsStatus { Video = "v2:abcdefgh" },
            AppliedInputHashes = new Dictionary<string, string> { ["video.sip.password"] = "v1:x" },
            ProjectStatus = new ProjectStatusInfo { Status = "active" },
            Services = new ServicesStatus(),
            Embed = new EmbedStatus(),
            LastDriftRepair = new DriftRepairStatus(),
        };
        return project;
    }

    public static TheoryData<Type, Type> SummaryTypes() => new()
    {
        { typeof(ProjectSummarySpec), typeof(CpaasProjectSpec) },
        { typeof(ProjectSummaryStatus), typeof(CpaasProjectStatus) },
    };

    [Theory]
    [MemberData(nameof(SummaryTypes))]
    public void Every_summary_field_is_a_field_of_the_resource_under_the_same_JSON_name(Type summary, Type whole)
    {
        static Dictionary<string, Type> Fields(Type type) => type.GetProperties()
            .Where(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null)
            .ToDictionary(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name, p => p.PropertyType);
        var wholeFields = Fields(whole);

        foreach (var (name, type) in Fields(summary))
        {
            Assert.True(wholeFields.TryGetValue(name, out var wholeType), $"{summary.Name}.{name} is not a field of {whole.Name}");
            // Same type, or a section read only as present.
            Assert.True(type == wholeType || type == typeof(SectionPresence), $"{summary.Name}.{name} is {type.Name}, {whole.Name}.{name} is {wholeType.Name}");
        }
    }

    [Fact]
    public void The_summary_is_the_same_resource_as_the_CpaasProject()
    {
        Assert.Equal(ResourceType.For<CpaasProject>(), ResourceType.For<CpaasProjectSummary>());
    }

    [Fact]
    public void A_present_section_tells_nothing_of_its_settings()
    {
        Assert.Empty(typeof(SectionPresence).GetProperties(BindingFlags.Public | BindingFlags.Instance));
    }

    [Fact]
    public void Decoding_a_whole_resource_keeps_the_summary_fields_and_reads_each_section_as_present()
    {
        var project = FullProject();

        var summary = OperatorJson.Kube.Deserialize<CpaasProjectSummary>(OperatorJson.Kube.Serialize(project));

        Assert.Same(SectionPresence.Present, summary.Spec.Video);
        Assert.Same(SectionPresence.Present, summary.Spec.Voice);
        Assert.Same(SectionPresence.Present, summary.Spec.Sms);
        Assert.Same(SectionPresence.Present, summary.Spec.Embed);
        Assert.Equal(
            (project.Spec.AppName, project.Spec.CategoryId, project.Spec.Description, project.Spec.ShortDescription, project.Spec.Suspended),
            (summary.Spec.AppName, summary.Spec.CategoryId, summary.Spec.Description, summary.Spec.ShortDescription, summary.Spec.Suspended));
        Assert.Equal(project.EffectiveConnectionSecretName(), summary.EffectiveConnectionSecretName());
        Assert.Equal(project.EffectiveAppName(), summary.EffectiveAppName());
        Assert.Equal(("app-1", "2026-12-01T10:00:00Z"), (summary.Status!.AppId, summary.Status.ObservedUpdatedAt));
        Assert.Equal("ReconcileSuccess", Assert.Single(summary.Status.Conditions!).Reason);
        Assert.Equal(("team-a", "12"), (summary.Metadata.NamespaceProperty, summary.Metadata.ResourceVersion));
    }

    [Fact]
    public void An_absent_section_stays_absent()
    {
        var project = FullProject();
        project.Spec = project.Spec with { Voice = null, Embed = null };

        var summary = OperatorJson.Kube.Deserialize<CpaasProjectSummary>(OperatorJson.Kube.Serialize(project));

        Assert.Null(summary.Spec.Voice);
        Assert.Null(summary.Spec.Embed);
        Assert.NotNull(summary.Spec.Video);
    }

    [Fact]
    public async Task A_list_read_from_a_stream_is_summarized_when_read_buffers_end_inside_skipped_sections()
    {
        // The informer reads list pages from the response stream: 40 full projects are several of the serializer's
        // read buffers, so some sections and status fields it passes over start in one buffer and end in the next.
        var json = OperatorJson.Kube.Serialize(FullProject());
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"[{string.Join(",", Enumerable.Repeat(json, 40))}]"));
        Assert.True(stream.Length > 4 * OperatorJson.Kube.Options.DefaultBufferSize);
        var listInfo = JsonMetadataServices.CreateListInfo<List<CpaasProjectSummary>, CpaasProjectSummary>(
            OperatorJson.Kube.Options,
            new JsonCollectionInfoValues<List<CpaasProjectSummary>>
            {
                ObjectCreator = static () => [],
                ElementInfo = OperatorJson.Kube.TypeInfo<CpaasProjectSummary>(),
            });

        var read = await JsonSerializer.DeserializeAsync(stream, listInfo);

        Assert.Equal(40, read!.Count);
        Assert.All(read, summary =>
        {
            Assert.Same(SectionPresence.Present, summary.Spec.Video);
            Assert.Same(SectionPresence.Present, summary.Spec.Embed);
            Assert.Equal("app-1", summary.Status!.AppId);
        });
    }
}

using Cpaas.Operator.Entities;
using Cpaas.Operator.Hosting;
using Cpaas.Operator.Tests.Config;
using k8s.Models;

namespace Cpaas.Operator.Tests.Hosting;

public sealed class ProjectSummaryJsonTests
{
    private static string FullProjectJson()
    {
        var project = SampleTests.LoadTyped("full-demo").OfType<CpaasProject>().Single();
        project.Metadata.NamespaceProperty = "team-a";
        project.Metadata.ResourceVersion = "12";
        project.Status = new CpaasProjectStatus
        {
            AppId = "app-1",
            ObservedGeneration = 2,
            Conditions = [new V1Condition { Type = "Ready", Status = "True", Reason = "ReconcileSuccess", Message = "applied" }],
            AppliedInputDigests = new AppliedInputDigestsStatus { Video = "v2:abcdefgh" },
            AppliedInputHashes = new Dictionary<string, string> { ["video.sip.password"] = "v1:x" },
            ProjectStatus = new ProjectStatusInfo { Status = "active" },
            Services = new ServicesStatus(),
            Embed = new EmbedStatus(),
            LastDriftRepair = new DriftRepairStatus(),
        };
        return OperatorJson.Kube.Serialize(project);
    }

    [Fact]
    public void Decoding_the_summary_gives_what_the_cache_transform_makes_of_the_whole_object()
    {
        var json = FullProjectJson();

        var fromSummary = new ProjectCacheTransform().Apply(ProjectSummaryJson.Kube.Deserialize<CpaasProject>(json));
        var fromWhole = new ProjectCacheTransform().Apply(OperatorJson.Kube.Deserialize<CpaasProject>(json));

        Assert.Equal(OperatorJson.Kube.Serialize(fromWhole), OperatorJson.Kube.Serialize(fromSummary));
    }

    [Fact]
    public void Sections_are_read_as_present_and_reconcile_only_status_is_skipped_without_being_built()
    {
        var summary = ProjectSummaryJson.Kube.Deserialize<CpaasProject>(FullProjectJson());

        Assert.Same(ProjectCacheTransform.PresentVideo, summary.Spec.Video);
        Assert.Same(ProjectCacheTransform.PresentVoice, summary.Spec.Voice);
        Assert.Same(ProjectCacheTransform.PresentSms, summary.Spec.Sms);
        Assert.Same(ProjectCacheTransform.PresentEmbed, summary.Spec.Embed);
        Assert.Equal("full-demo-project", summary.Spec.AppName);
        Assert.Equal(("app-1", 2L), (summary.Status!.AppId, summary.Status.ObservedGeneration!.Value));
        Assert.Equal("ReconcileSuccess", Assert.Single(summary.Status.Conditions!).Reason);
        Assert.Null(summary.Status.AppliedInputDigests);
        Assert.Null(summary.Status.AppliedInputHashes);
        Assert.Null(summary.Status.ProjectStatus);
        Assert.Null(summary.Status.Embed);
    }

    [Fact]
    public async Task A_list_read_from_a_stream_is_summarized_when_read_buffers_end_inside_skipped_sections()
    {
        // The informer reads list pages from the response stream: 40 full projects are several of the serializer's
        // read buffers, so some sections and status fields it skips start in one buffer and end in the next.
        var projects = Enumerable.Range(0, 40).Select(_ => OperatorJson.Kube.Deserialize<CpaasProject>(FullProjectJson())).ToList();
        var list = new CpaasProjectList { Metadata = new V1ListMeta { ResourceVersion = "40" }, Items = projects };
        using var stream = new MemoryStream(OperatorJson.Kube.SerializeToUtf8Bytes(list));
        Assert.True(stream.Length > 4 * 16 * 1024);

        var read = await ProjectSummaryJson.Kube.DeserializeAsync<CpaasProjectList>(stream, CancellationToken.None);

        Assert.Equal(40, read.Items.Count);
        Assert.All(read.Items, summary =>
        {
            Assert.Same(ProjectCacheTransform.PresentVideo, summary.Spec.Video);
            Assert.Same(ProjectCacheTransform.PresentEmbed, summary.Spec.Embed);
            Assert.Equal("app-1", summary.Status!.AppId);
            Assert.Null(summary.Status.AppliedInputDigests);
        });
    }

    [Fact]
    public void A_summary_is_never_written_back()
    {
        var summary = ProjectSummaryJson.Kube.Deserialize<CpaasProject>(FullProjectJson());

        Assert.Throws<NotSupportedException>(() => ProjectSummaryJson.Kube.Serialize(summary));
    }
}

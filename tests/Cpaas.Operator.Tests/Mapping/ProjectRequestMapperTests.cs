using Cpaas.Client.Models;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Mapping;
using k8s.Models;

namespace Cpaas.Operator.Tests.Mapping;

public sealed class ProjectRequestMapperTests
{
    private static CpaasProject Project(CpaasProjectSpec spec) => new() { Metadata = new V1ObjectMeta { Name = "support-desk" }, Spec = spec };

    private static ProjectDetails InSync(CpaasProject project) => new()
    {
        AppId = "a1",
        AppName = project.EffectiveAppName(),
        CategoryId = project.Spec.CategoryId,
        ShortDesc = project.Spec.ShortDescription,
        Description = project.Spec.Description,
        Status = project.Spec.Suspended == true ? "suspended" : "active",
        ServicesIncl = ProjectRequestMapper.ServicesFor(project.Spec),
    };

    [Fact]
    public void Add_request_defaults_app_name_to_metadata_name_and_includes_services_of_present_sections()
    {
        var request = ProjectRequestMapper.ToAddRequest(Project(new CpaasProjectSpec
        {
            CategoryId = "education",
            ShortDescription = "short",
            Description = "long",
            CustomerId = "cust-1",
            Sms = new SmsSpec(),
        }));

        Assert.Equal("support-desk", request.AppName);
        Assert.Equal("education", request.CategoryId);
        Assert.Equal("short", request.ShortDesc);
        Assert.Equal("long", request.Description);
        Assert.Equal("cust-1", request.CustomerId);
        Assert.Equal(new ServicesIncluded { Video = false, Sms = true, Voice = false }, request.ServicesIncl);
    }

    [Fact]
    public void Embed_alone_includes_the_video_service()
    {
        Assert.True(ProjectRequestMapper.ServicesFor(new CpaasProjectSpec { Embed = new EmbedSpec() }).Video);
    }

    [Fact]
    public void Full_sample_add_request_uses_the_explicit_app_name_and_all_services()
    {
        var request = ProjectRequestMapper.ToAddRequest(MappingFixtures.FullProject());

        Assert.Equal("full-demo-project", request.AppName);
        Assert.Null(request.CustomerId);
        Assert.Equal(new ServicesIncluded { Video = true, Sms = true, Voice = true }, request.ServicesIncl);
    }

    [Fact]
    public void Edit_plan_is_empty_when_the_project_matches()
    {
        var project = MappingFixtures.FullProject();

        var plan = ProjectRequestMapper.ToEditPlan(project, InSync(project));

        Assert.False(plan.HasChanges);
        Assert.Empty(plan.ChangedFields);
    }

    [Fact]
    public void Edit_plan_carries_only_the_changed_category()
    {
        var project = MappingFixtures.FullProject();

        var plan = ProjectRequestMapper.ToEditPlan(project, InSync(project) with { CategoryId = "other" });

        Assert.Equal(new ProjectUpdateRequest { CategoryId = "customer-support" }, plan.Edit);
        Assert.Equal(["categoryId"], plan.ChangedFields);
    }

    [Fact]
    public void Suspended_true_edits_an_active_project_to_suspended_and_false_back_to_active()
    {
        var suspend = Project(new CpaasProjectSpec { CategoryId = "c", Suspended = true });
        var resume = Project(new CpaasProjectSpec { CategoryId = "c", Suspended = false });

        Assert.Equal("suspended", ProjectRequestMapper.ToEditPlan(suspend, InSync(suspend) with { Status = "active" }).Edit!.Status);
        Assert.Equal("active", ProjectRequestMapper.ToEditPlan(resume, InSync(resume) with { Status = "Suspended" }).Edit!.Status);
        Assert.False(ProjectRequestMapper.ToEditPlan(resume, InSync(resume) with { Status = "ACTIVE" }).HasChanges);
    }

    [Fact]
    public void Fields_the_spec_does_not_set_are_not_edited()
    {
        var project = Project(new CpaasProjectSpec { CategoryId = "c" });

        var plan = ProjectRequestMapper.ToEditPlan(project, InSync(project) with { Description = "set elsewhere", ShortDesc = "x", Status = "suspended" });

        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void Services_that_differ_are_edited_as_a_whole()
    {
        var project = Project(new CpaasProjectSpec { CategoryId = "c", Voice = new VoiceSpec() });

        var plan = ProjectRequestMapper.ToEditPlan(project, InSync(project) with { ServicesIncl = new ServicesIncluded { Video = true } });

        Assert.Equal(new ServicesIncluded { Video = false, Sms = false, Voice = true }, plan.Edit!.ServicesIncl);
        Assert.Null(plan.Edit.AppName);
        Assert.Equal(["servicesIncluded"], plan.ChangedFields);
    }

    [Fact]
    public void Default_app_name_is_enforced_against_a_renamed_project()
    {
        var project = Project(new CpaasProjectSpec { CategoryId = "c" });

        var plan = ProjectRequestMapper.ToEditPlan(project, InSync(project) with { AppName = "renamed" });

        Assert.Equal("support-desk", plan.Edit!.AppName);
    }

    [Fact]
    public void Observed_status_keeps_room_id_and_participant_url_but_never_the_host_url()
    {
        var status = ObservedStatusMapper.Embed(new EmbedRoom
        {
            RoomId = "r1",
            ParticipantMeetingUrl = "https://x.example/r1",
            HostMeetingUrl = "https://x.example/host/secret",
        });

        Assert.Equal(new EmbedStatus { RoomId = "r1", ParticipantMeetingUrl = "https://x.example/r1" }, status);
    }
}

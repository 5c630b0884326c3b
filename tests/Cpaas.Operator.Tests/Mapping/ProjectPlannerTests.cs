using Cpaas.Client.Models;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Mapping;

namespace Cpaas.Operator.Tests.Mapping;

public sealed class ProjectPlannerTests
{
    private static DesiredProject Desired(Func<CpaasProjectSpec, CpaasProjectSpec>? change = null)
    {
        var project = MappingFixtures.FullProject();
        if (change is not null)
        {
            project.Spec = change(project.Spec);
        }

        return DesiredProject.From(project, MappingFixtures.FullSecrets());
    }

    [Fact]
    public void A_new_project_gets_every_section_the_spec_sets_and_no_Edit()
    {
        var desired = Desired();

        var plan = ProjectPlanner.Plan(desired, observed: null, applied: null, refreshEmbedRoom: false);

        Assert.Null(plan.Edit);
        Assert.Equal(MappingFixtures.ToJson(desired.Sections.Video!).ToJsonString(), MappingFixtures.ToJson(plan.Sections.Video!).ToJsonString());
        Assert.NotNull(plan.Sections.Voice);
        Assert.NotNull(plan.Sections.Sms);
        Assert.NotNull(plan.Sections.Embed);
    }

    [Fact]
    public void A_new_project_that_must_start_suspended_gets_one_Edit()
    {
        var plan = ProjectPlanner.Plan(Desired(s => s with { Suspended = true }), null, null, refreshEmbedRoom: false);

        Assert.Equal(new ProjectUpdateRequest { Status = "suspended" }, plan.Edit);
        Assert.Contains("suspended", plan.ChangedFields);
    }

    [Fact]
    public void An_existing_project_in_sync_gets_an_empty_plan()
    {
        var desired = Desired();
        var observed = MappingFixtures.GetAfterApplying(desired.Sections) with { AppName = desired.AppName, CategoryId = desired.Resource.Spec.CategoryId, ShortDesc = desired.Resource.Spec.ShortDescription, Description = desired.Resource.Spec.Description };

        var plan = ProjectPlanner.Plan(desired, observed, AppliedInputDigests.Decode(AppliedInputDigests.Encode(desired.InputHashes)), refreshEmbedRoom: false);

        Assert.False(plan.HasChanges, plan.ToString());
    }

    [Fact]
    public void A_lost_embed_host_url_adds_the_embed_section_without_naming_a_changed_field()
    {
        var desired = Desired();
        var observed = MappingFixtures.GetAfterApplying(desired.Sections) with { AppName = desired.AppName, CategoryId = desired.Resource.Spec.CategoryId, ShortDesc = desired.Resource.Spec.ShortDescription, Description = desired.Resource.Spec.Description };

        var plan = ProjectPlanner.Plan(desired, observed, AppliedInputDigests.Decode(AppliedInputDigests.Encode(desired.InputHashes)), refreshEmbedRoom: true);

        Assert.Same(desired.Sections.Embed, plan.Sections.Embed);
        Assert.Empty(plan.ChangedFields);
    }

    [Fact]
    public void A_plan_prints_field_names_never_values()
    {
        var plan = ProjectPlanner.Plan(Desired(), null, null, refreshEmbedRoom: false);

        Assert.DoesNotContain("REPLACE_WITH", plan.ToString(), StringComparison.Ordinal);
        Assert.Contains("video.sip.passwordSecretRef", plan.ToString(), StringComparison.Ordinal);
    }
}

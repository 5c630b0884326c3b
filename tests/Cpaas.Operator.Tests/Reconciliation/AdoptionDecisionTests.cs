using Cpaas.Client.Models;
using Cpaas.Operator.Reconciliation;

namespace Cpaas.Operator.Tests.Reconciliation;

public class AdoptionDecisionTests
{
    private static readonly DateTimeOffset MarkerTime = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly PendingCreateMarker Marker = new(MarkerTime, "support-desk");

    private static ProjectSummary Project(string appId, string name, DateTimeOffset? createdAt) =>
        new() { AppId = appId, AppName = name, CreatedAt = createdAt };

    private static AdoptionDecision Decide(IEnumerable<ProjectSummary> projects, params string[] claimed) =>
        AdoptionDecision.Decide(Marker, projects, claimed.Contains, TimeSpan.FromMinutes(2));

    [Fact]
    public void No_project_with_the_name_means_create()
    {
        Assert.IsType<AdoptionDecision.CreateNew>(Decide([]));
    }

    [Fact]
    public void Single_project_created_after_the_marker_is_adopted()
    {
        var decision = Decide([Project("a1", "support-desk", MarkerTime.AddSeconds(1))]);
        Assert.Equal(new AdoptionDecision.Adopt("a1"), decision);
    }

    [Fact]
    public void Project_created_well_before_the_marker_is_not_ours()
    {
        Assert.IsType<AdoptionDecision.CreateNew>(Decide([Project("old", "support-desk", MarkerTime.AddHours(-1))]));
    }

    [Fact]
    public void Clock_skew_within_the_allowance_still_adopts()
    {
        Assert.Equal(new AdoptionDecision.Adopt("a1"), Decide([Project("a1", "support-desk", MarkerTime.AddSeconds(-30))]));
    }

    [Fact]
    public void Project_claimed_by_another_resource_is_skipped()
    {
        var decision = Decide([Project("a1", "support-desk", MarkerTime.AddSeconds(1)), Project("a2", "support-desk", MarkerTime.AddSeconds(2))], "a1");
        Assert.Equal(new AdoptionDecision.Adopt("a2"), decision);
    }

    [Fact]
    public void Search_results_with_a_different_exact_name_are_ignored()
    {
        Assert.IsType<AdoptionDecision.CreateNew>(Decide([Project("a1", "support-desk-2", MarkerTime.AddSeconds(1)), Project("a2", "Support-Desk", MarkerTime.AddSeconds(1))]));
    }

    [Fact]
    public void Two_candidates_are_ambiguous_and_name_both()
    {
        var decision = Assert.IsType<AdoptionDecision.Ambiguous>(Decide([Project("a1", "support-desk", MarkerTime.AddSeconds(1)), Project("a2", "support-desk", null)]));
        Assert.Equal(["a1", "a2"], decision.AppIds);
    }
}

using Cpaas.Operator.Entities;
using Cpaas.Operator.Entities.Summary;
using Cpaas.Operator.Reconciliation;
using Cpaas.Operator.Tests.Support;
using k8s.Models;

namespace Cpaas.Operator.Tests.Reconciliation;

/// <summary>
/// The reconciler's own bookkeeping (the pending-create marker, its finalizer) never wakes it: a create failing on
/// rejected credentials would loop without backoff, one POST each time. Everything a person or another controller
/// changes does.
/// </summary>
public sealed class ProjectEventFilterTests
{
    private const string Marker = WellKnownNames.Annotations.PendingCreate;
    private const string MarkerValue = "2026-12-07T10:00:00Z support-desk";

    private static CpaasProjectSummary Project(long generation = 1, string? syncedReason = null, params (string Key, string Value)[] annotations) => Summaries.Of(new CpaasProject
    {
        Metadata = new V1ObjectMeta
        {
            Name = "support-desk",
            NamespaceProperty = "team-a",
            Generation = generation,
            ResourceVersion = Guid.NewGuid().ToString("N"),
            Annotations = annotations.Length == 0 ? null : annotations.ToDictionary(a => a.Key, a => a.Value),
            Finalizers = [WellKnownNames.Finalizer],
        },
        Spec = new CpaasProjectSpec { CategoryId = "education" },
        Status = syncedReason is null ? null : new CpaasProjectStatus
        {
            Conditions = [new V1Condition { Type = WellKnownNames.ConditionTypes.Synced, Status = "False", Reason = syncedReason, Message = "m" }],
        },
    });

    [Fact]
    public void The_marker_written_before_a_create_does_not_wake_the_reconciler()
    {
        Assert.False(ProjectEventFilter.Instance.Update(Project(), Project(annotations: (Marker, MarkerValue))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(WellKnownNames.Reasons.Creating)]
    [InlineData(WellKnownNames.Reasons.CredentialsRejected)]
    public void The_marker_removed_after_a_create_certainly_failed_does_not_wake_the_reconciler(string? syncedReason)
    {
        Assert.False(ProjectEventFilter.Instance.Update(Project(syncedReason: syncedReason, annotations: (Marker, MarkerValue)), Project(syncedReason: syncedReason)));
    }

    [Fact]
    public void A_person_removing_the_marker_as_an_AmbiguousProject_message_asks_wakes_the_reconciler()
    {
        var ambiguous = WellKnownNames.Reasons.AmbiguousProject;

        Assert.True(ProjectEventFilter.Instance.Update(Project(syncedReason: ambiguous, annotations: (Marker, MarkerValue)), Project(syncedReason: ambiguous)));
    }

    [Fact]
    public void Every_other_change_a_person_makes_wakes_the_reconciler()
    {
        var marked = Project(annotations: (Marker, MarkerValue));

        Assert.True(ProjectEventFilter.Instance.Update(marked, Project(generation: 2, annotations: (Marker, MarkerValue))));
        Assert.True(ProjectEventFilter.Instance.Update(marked, Project(annotations: [(Marker, MarkerValue), (WellKnownNames.Annotations.Paused, "true")])));
        Assert.True(ProjectEventFilter.Instance.Update(marked, Project(annotations: (WellKnownNames.Annotations.AppId, "app-1"))));
        Assert.True(ProjectEventFilter.Instance.Create(marked));
        Assert.True(ProjectEventFilter.Instance.Delete(marked));
    }

    [Fact]
    public void Its_own_finalizer_being_added_does_not_wake_the_reconciler_but_deletion_does()
    {
        var fresh = Project();
        fresh.Metadata.Finalizers = null;
        var deleting = Project();
        deleting.Metadata.DeletionTimestamp = new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);

        Assert.False(ProjectEventFilter.Instance.Update(fresh, Project()));
        Assert.True(ProjectEventFilter.Instance.Update(Project(), deleting));
    }

    [Fact]
    public void A_status_only_write_does_not_wake_the_reconciler()
    {
        Assert.False(ProjectEventFilter.Instance.Update(Project(syncedReason: WellKnownNames.Reasons.Creating), Project(syncedReason: WellKnownNames.Reasons.CredentialsRejected)));
    }
}

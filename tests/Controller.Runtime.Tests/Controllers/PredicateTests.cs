using Controller.Runtime.Predicates;
using Controller.Runtime.Tests.Support;
using k8s.Models;
using P = Controller.Runtime.Predicates.Predicates;

namespace Controller.Runtime.Tests.Controllers;

public sealed class PredicateTests
{
    [Fact]
    public void A_status_only_update_passes_no_metadata_predicate()
    {
        var old = Objects.Widget("ns", "w", "1", generation: 3);
        var statusWritten = Objects.Widget("ns", "w", "2", generation: 3);

        Assert.False(P.GenerationOrMetadataChanged.Update(old, statusWritten));
        Assert.True(P.ResourceVersionChanged.Update(old, statusWritten));
    }

    [Fact]
    public void A_spec_change_passes_GenerationChanged()
    {
        Assert.True(P.GenerationChanged.Update(Objects.Widget("ns", "w", "1", 3), Objects.Widget("ns", "w", "2", 4)));
        Assert.True(P.GenerationOrMetadataChanged.Update(Objects.Widget("ns", "w", "1", 3), Objects.Widget("ns", "w", "2", 4)));
    }

    [Fact]
    public void Annotation_label_finalizer_and_deletion_changes_are_each_detected()
    {
        var baseline = Objects.Widget("ns", "w");
        var annotated = Objects.Widget("ns", "w", "2");
        annotated.Metadata.Annotations = new Dictionary<string, string> { ["cpaas.enablex.io/paused"] = "true" };
        var labelled = Objects.Widget("ns", "w", "2");
        labelled.Metadata.Labels = new Dictionary<string, string> { ["team"] = "a" };
        var finalized = Objects.Widget("ns", "w", "2");
        finalized.Metadata.Finalizers = ["example.com/cleanup"];
        var deleting = Objects.Widget("ns", "w", "2");
        deleting.Metadata.DeletionTimestamp = DateTime.UtcNow;

        Assert.True(P.AnnotationsChanged.Update(baseline, annotated));
        Assert.False(P.AnnotationsChanged.Update(baseline, labelled));
        Assert.True(P.LabelsChanged.Update(baseline, labelled));
        Assert.True(P.FinalizersOrDeletionChanged.Update(baseline, finalized));
        Assert.True(P.FinalizersOrDeletionChanged.Update(baseline, deleting));
        Assert.All([annotated, labelled, finalized, deleting], changed => Assert.True(P.GenerationOrMetadataChanged.Update(baseline, changed)));
    }

    [Fact]
    public void Empty_and_missing_maps_are_the_same()
    {
        var none = Objects.Widget("ns", "w");
        var empty = Objects.Widget("ns", "w", "2");
        empty.Metadata.Annotations = new Dictionary<string, string>();
        empty.Metadata.Finalizers = [];

        Assert.False(P.AnnotationsChanged.Update(none, empty));
        Assert.False(P.FinalizersOrDeletionChanged.Update(none, empty));
    }

    [Fact]
    public void Create_and_delete_pass_the_update_filters()
    {
        var w = Objects.Widget("ns", "w");

        Assert.True(P.GenerationOrMetadataChanged.Create(w));
        Assert.True(P.GenerationOrMetadataChanged.Delete(w));
    }

    [Fact]
    public void Predicates_compose_with_and_or_not()
    {
        var inTeamA = P.Filter(o => o.Metadata.Labels is { } labels && labels.TryGetValue("team", out var team) && team == "a");
        var a = Objects.Widget("ns", "w");
        a.Metadata.Labels = new Dictionary<string, string> { ["team"] = "a" };
        var b = Objects.Widget("ns", "w", "2", generation: 2);

        Assert.True(inTeamA.Create(a));
        Assert.False(inTeamA.Create(b));
        Assert.False(EventPredicate.And(inTeamA, P.GenerationChanged).Update(a, b));
        Assert.True(inTeamA.Or(P.GenerationChanged).Update(a, b));
        Assert.False(EventPredicate.Not(inTeamA).Create(a));
        Assert.True(EventPredicate.And().Create(a));
    }
}

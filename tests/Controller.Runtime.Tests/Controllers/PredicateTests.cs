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

    [Theory]
    [InlineData(null, "1")]
    [InlineData("1", null)]
    [InlineData("1", "2")]
    [InlineData(null, null)]
    public void A_change_to_an_ignored_annotation_alone_passes_neither_filter(string? before, string? after)
    {
        var old = Annotated(("example.com/mine", before), ("team", "a"));
        var changed = Annotated(("example.com/mine", after), ("team", "a"));

        Assert.False(P.AnnotationsChangedExcept("example.com/mine").Update(old, changed));
        Assert.False(P.GenerationOrMetadataChangedExcept(["example.com/mine"], []).Update(old, changed));
        Assert.Equal(before != after, P.AnnotationsChanged.Update(old, changed));
    }

    [Theory]
    [InlineData("a", "b")]
    [InlineData("a", null)]
    [InlineData(null, "b")]
    public void Another_annotation_changing_with_an_ignored_one_passes(string? before, string? after)
    {
        var old = Annotated(("example.com/mine", "1"), ("team", before));
        var changed = Annotated(("team", after));

        Assert.True(P.AnnotationsChangedExcept("example.com/mine").Update(old, changed));
        Assert.True(P.GenerationOrMetadataChangedExcept(["example.com/mine"], []).Update(old, changed));
    }

    [Fact]
    public void Ignoring_an_annotation_still_lets_generation_and_finalizer_changes_through()
    {
        var old = Annotated(("example.com/mine", "1"));
        var respecified = Annotated(("example.com/mine", "2"));
        respecified.Metadata.Generation = old.Metadata.Generation + 1;
        var finalized = Annotated();
        finalized.Metadata.Finalizers = ["example.com/cleanup"];

        Assert.True(P.GenerationOrMetadataChangedExcept(["example.com/mine"], []).Update(old, respecified));
        Assert.True(P.GenerationOrMetadataChangedExcept(["example.com/mine"], []).Update(old, finalized));
    }

    [Fact]
    public void Adding_or_removing_an_ignored_finalizer_passes_no_filter_but_deletion_does()
    {
        var before = Objects.Widget("ns", "w");
        var finalized = Objects.Widget("ns", "w", "2");
        finalized.Metadata.Finalizers = ["example.com/mine"];
        var foreign = Objects.Widget("ns", "w", "3");
        foreign.Metadata.Finalizers = ["example.com/mine", "example.com/theirs"];
        var deleting = Objects.Widget("ns", "w", "4");
        deleting.Metadata.Finalizers = ["example.com/mine"];
        deleting.Metadata.DeletionTimestamp = DateTime.UtcNow;
        var filter = P.GenerationOrMetadataChangedExcept([], ["example.com/mine"]);

        Assert.False(filter.Update(before, finalized));
        Assert.False(filter.Update(finalized, before));
        Assert.True(filter.Update(finalized, foreign));
        Assert.True(filter.Update(finalized, deleting));
        Assert.True(P.GenerationOrMetadataChanged.Update(before, finalized));
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

    private static Support.Widget Annotated(params (string Key, string? Value)[] annotations)
    {
        var widget = Objects.Widget("ns", "w", "2");
        var present = annotations.Where(a => a.Value is not null).ToList();
        widget.Metadata.Annotations = present.Count == 0 ? null : present.ToDictionary(a => a.Key, a => a.Value!);
        return widget;
    }
}

using Cpaas.Operator.Reconciliation;
using k8s.Models;

namespace Cpaas.Operator.Tests.Reconciliation;

public class ConditionListTests
{
    private static readonly DateTime T0 = new(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Adds_a_condition_with_its_transition_time_and_generation()
    {
        var list = ConditionList.Set(null, "Ready", true, "Available", "ok", 3, T0.AddMilliseconds(700));
        var ready = Assert.Single(list);
        Assert.Equal(("True", "Available", "ok", 3L), (ready.Status, ready.Reason, ready.Message, ready.ObservedGeneration!.Value));
        Assert.Equal(T0, ready.LastTransitionTime);
    }

    [Fact]
    public void Same_status_keeps_the_transition_time_but_takes_the_new_reason()
    {
        var first = ConditionList.Set(null, "Ready", false, "Creating", "creating", 1, T0);
        var second = ConditionList.Set(first, "Ready", false, "ApiUnavailable", "down", 2, T0.AddMinutes(5));
        var ready = Assert.Single(second);
        Assert.Equal(T0, ready.LastTransitionTime);
        Assert.Equal("ApiUnavailable", ready.Reason);
        Assert.Equal(2, ready.ObservedGeneration);
    }

    [Fact]
    public void Flipped_status_moves_the_transition_time()
    {
        var first = ConditionList.Set(null, "Ready", false, "Creating", "creating", 1, T0);
        var second = ConditionList.Set(first, "Ready", true, "Available", "ok", 1, T0.AddMinutes(5));
        Assert.Equal(T0.AddMinutes(5), Assert.Single(second).LastTransitionTime);
    }

    [Fact]
    public void Other_conditions_are_kept_in_place()
    {
        IList<V1Condition> list = ConditionList.Set(null, "Synced", true, "ReconcileSuccess", "ok", 1, T0);
        list = ConditionList.Set(list, "Ready", true, "Available", "ok", 1, T0);
        list = ConditionList.Set(list, "Synced", false, "Paused", "paused", 1, T0);
        Assert.Equal(["Synced", "Ready"], list.Select(c => c.Type));
        Assert.False(ConditionList.IsTrue(list, "Synced"));
        Assert.True(ConditionList.IsTrue(list, "Ready"));
    }
}

using Controller.Runtime;
using Cpaas.Operator.Reconciliation;
using Microsoft.Extensions.Time.Testing;

namespace Cpaas.Operator.Tests.Reconciliation;

public sealed class MemoryTests
{
    private static readonly ObjectKey Key = new("team-a", "demo");

    [Fact]
    public void A_suspension_on_deletion_is_remembered_for_that_uid_until_forgotten()
    {
        var memory = new SuspendedForDeletionMemory();
        memory.Record(Key, "uid-1");

        Assert.True(memory.Contains(Key, "uid-1"));
        Assert.False(memory.Contains(Key, "uid-2"));
        Assert.False(memory.Contains(Key, null));
        memory.Forget(Key);
        Assert.False(memory.Contains(Key, "uid-1"));
    }

    [Fact]
    public void Forget_drops_the_converged_state()
    {
        var memory = new ConvergedMemory();
        memory.Record(Key, ConvergedState.Of(1, new Dictionary<string, string>(), null, "demo-cpaas", "1"));
        Assert.True(memory.TryGet(Key, out _));
        memory.Forget(Key);
        Assert.False(memory.TryGet(Key, out _));
    }

    [Fact]
    public void An_observe_is_due_when_never_scheduled_and_not_before_its_interval()
    {
        var time = new FakeTimeProvider();
        var schedule = new ObserveSchedule(new ResyncSchedule(TimeSpan.FromMinutes(10), 0, () => 0.5), time);

        Assert.Null(schedule.TimeUntilDue(Key));
        Assert.Equal(TimeSpan.FromMinutes(10), schedule.ScheduleNext(Key));
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(TimeSpan.FromMinutes(6), schedule.TimeUntilDue(Key));
        time.Advance(TimeSpan.FromMinutes(6));
        Assert.Null(schedule.TimeUntilDue(Key));
    }

    [Fact]
    public void A_request_is_taken_once_and_survives_a_schedule_written_after_it()
    {
        var time = new FakeTimeProvider();
        var schedule = new ObserveSchedule(new ResyncSchedule(TimeSpan.FromMinutes(10), 0, () => 0.5), time);
        schedule.ScheduleNext(Key);

        schedule.RequestObserve(Key);
        // A reconcile that was already past its GET schedules the next periodic check: the request stays.
        schedule.ScheduleNext(Key);

        Assert.NotNull(schedule.TimeUntilDue(Key));
        Assert.Equal(ObserveReason.Drift, schedule.TakeRequest(Key));
        Assert.Null(schedule.TakeRequest(Key));
    }

    [Fact]
    public void Forgetting_a_resource_drops_its_request()
    {
        var schedule = new ObserveSchedule(new ResyncSchedule(TimeSpan.FromMinutes(10), 0, () => 0.5), new FakeTimeProvider());
        schedule.RequestObserve(Key);

        schedule.Forget(Key);

        Assert.Null(schedule.TakeRequest(Key));
    }

    [Fact]
    public void The_first_observe_after_a_start_is_spread_over_one_interval()
    {
        var schedule = new ObserveSchedule(new ResyncSchedule(TimeSpan.FromMinutes(10), 0.1, () => 0.25), new FakeTimeProvider());

        Assert.Equal(TimeSpan.FromMinutes(2.5), schedule.ScheduleFirstAfterStart(Key));
    }
}

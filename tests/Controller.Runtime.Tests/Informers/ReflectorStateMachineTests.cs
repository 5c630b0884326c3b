using Controller.Runtime.Informers;

namespace Controller.Runtime.Tests.Informers;

public sealed class ReflectorStateMachineTests
{
    private static readonly TimeSpan Healthy = TimeSpan.FromMinutes(5);

    [Fact]
    public void Starts_with_a_list_and_watches_from_the_list_resourceVersion()
    {
        var machine = NewMachine();

        Assert.Equal(new ReflectorAction(ReflectorStep.List, null, TimeSpan.Zero), ReflectorStateMachine.Start());
        Assert.Equal(new ReflectorAction(ReflectorStep.Watch, "100", TimeSpan.Zero), machine.ListSucceeded("100"));
    }

    [Fact]
    public void A_watch_closed_by_the_server_resumes_at_once_from_the_last_event_or_bookmark()
    {
        var machine = NewMachine();
        machine.ListSucceeded("100");
        machine.Observed("105");
        machine.Observed("110"); // bookmark

        Assert.Equal(new ReflectorAction(ReflectorStep.Watch, "110", TimeSpan.Zero), machine.WatchEnded(WatchEnd.Closed, Healthy));
    }

    [Fact]
    public void Gone_relists_and_forgets_the_expired_resourceVersion()
    {
        var machine = NewMachine();
        machine.ListSucceeded("100");
        machine.Observed("105");

        var next = machine.WatchEnded(WatchEnd.Gone, Healthy);

        Assert.Equal(new ReflectorAction(ReflectorStep.List, null, TimeSpan.Zero), next);
        Assert.Null(machine.ResourceVersion);
        Assert.False(machine.Healthy);
    }

    [Fact]
    public void Gone_right_after_a_list_backs_off_instead_of_relisting_in_a_tight_loop()
    {
        var machine = NewMachine();
        machine.ListSucceeded("100");

        var next = machine.WatchEnded(WatchEnd.Gone, TimeSpan.Zero);

        Assert.Equal(ReflectorStep.List, next.Step);
        Assert.Equal(TimeSpan.FromSeconds(1), next.Delay);
    }

    [Fact]
    public void Repeated_drops_back_off_exponentially_and_keep_the_resourceVersion()
    {
        var machine = NewMachine();
        machine.ListSucceeded("100");

        var delays = Enumerable.Range(0, 7).Select(_ => machine.WatchEnded(WatchEnd.Failed, TimeSpan.Zero)).ToList();

        Assert.All(delays, d => Assert.Equal(new ReflectorAction(ReflectorStep.Watch, "100", d.Delay), d));
        Assert.Equal([1, 2, 4, 8, 16, 30, 30], delays.Select(d => d.Delay.TotalSeconds));
    }

    [Fact]
    public void Progress_resets_the_backoff()
    {
        var machine = NewMachine();
        machine.ListSucceeded("100");
        machine.WatchEnded(WatchEnd.Failed, TimeSpan.Zero);
        machine.WatchEnded(WatchEnd.Failed, TimeSpan.Zero);

        machine.Observed("101");

        Assert.True(machine.Healthy);
        Assert.Equal(TimeSpan.FromSeconds(1), machine.WatchEnded(WatchEnd.Failed, TimeSpan.Zero).Delay);
    }

    [Fact]
    public void A_server_that_closes_watches_at_once_with_nothing_delivered_is_backed_off()
    {
        var machine = NewMachine();
        machine.ListSucceeded("100");

        var first = machine.WatchEnded(WatchEnd.Closed, TimeSpan.FromMilliseconds(10));
        var second = machine.WatchEnded(WatchEnd.Closed, TimeSpan.FromMilliseconds(10));

        Assert.Equal(TimeSpan.FromSeconds(1), first.Delay);
        Assert.Equal(TimeSpan.FromSeconds(2), second.Delay);
        Assert.False(machine.Healthy);
    }

    [Fact]
    public void A_stalled_watch_is_restarted_from_the_last_resourceVersion_with_backoff()
    {
        var machine = NewMachine();
        machine.ListSucceeded("100");
        machine.Observed("120");

        var next = machine.WatchEnded(WatchEnd.Stalled, TimeSpan.FromMinutes(3));

        Assert.Equal(new ReflectorAction(ReflectorStep.Watch, "120", TimeSpan.FromSeconds(1)), next);
    }

    [Fact]
    public void A_failed_list_is_retried_with_backoff_and_a_good_list_resets_it()
    {
        var machine = NewMachine();

        Assert.Equal(new ReflectorAction(ReflectorStep.List, null, TimeSpan.FromSeconds(1)), machine.ListFailed());
        Assert.Equal(new ReflectorAction(ReflectorStep.List, null, TimeSpan.FromSeconds(2)), machine.ListFailed());
        machine.ListSucceeded("7");
        Assert.Equal(TimeSpan.FromSeconds(1), machine.WatchEnded(WatchEnd.Failed, TimeSpan.Zero).Delay);
    }

    [Fact]
    public void Jitter_adds_up_to_the_delay_again()
    {
        var backoff = new JitteredBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), jitter: 1.0, random: () => 0.5);

        Assert.Equal(TimeSpan.FromSeconds(1.5), backoff.Next());
        Assert.Equal(TimeSpan.FromSeconds(3), backoff.Next());
    }

    private static ReflectorStateMachine NewMachine() =>
        new(new JitteredBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), jitter: 1.0, random: () => 0), TimeSpan.FromSeconds(1));
}

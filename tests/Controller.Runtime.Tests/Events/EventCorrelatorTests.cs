using Controller.Runtime.Events;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Controller.Runtime.Tests.Events;

public sealed class EventCorrelatorTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2030-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void The_same_object_reason_and_message_within_the_window_updates_the_count_of_the_first_Event()
    {
        var correlator = NewCorrelator();
        var create = Assert.IsType<EventDecision.Create>(correlator.Decide(Involved("w"), EventType.Warning, "Failed", "boom", "Sync"));
        correlator.Created(create.Key, create.Event);
        _time.Advance(TimeSpan.FromMinutes(1));

        var second = Assert.IsType<EventDecision.Update>(correlator.Decide(Involved("w"), EventType.Warning, "Failed", "boom", "Sync"));
        var third = Assert.IsType<EventDecision.Update>(correlator.Decide(Involved("w"), EventType.Warning, "Failed", "boom", "Sync"));

        Assert.Equal(create.Event.Metadata.Name, second.Name);
        Assert.Equal("ns", second.Namespace);
        Assert.Equal(2, second.Count);
        Assert.Equal(3, third.Count);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, third.LastTimestamp);
    }

    [Fact]
    public void A_different_message_reason_type_or_object_is_a_new_Event()
    {
        var correlator = NewCorrelator();
        Record(correlator, Involved("w"), EventType.Warning, "Failed", "boom");

        Assert.IsType<EventDecision.Create>(correlator.Decide(Involved("w"), EventType.Warning, "Failed", "other message", null));
        Assert.IsType<EventDecision.Create>(correlator.Decide(Involved("w"), EventType.Warning, "OtherReason", "boom", null));
        Assert.IsType<EventDecision.Create>(correlator.Decide(Involved("w"), EventType.Normal, "Failed", "boom", null));
        Assert.IsType<EventDecision.Create>(correlator.Decide(Involved("v"), EventType.Warning, "Failed", "boom", null));
    }

    [Fact]
    public void After_the_window_the_same_event_starts_a_new_Event()
    {
        var correlator = NewCorrelator();
        Record(correlator, Involved("w"), EventType.Normal, "Synced", "ok");

        _time.Advance(TimeSpan.FromMinutes(11));

        Assert.IsType<EventDecision.Create>(correlator.Decide(Involved("w"), EventType.Normal, "Synced", "ok", null));
    }

    [Fact]
    public void Each_object_gets_a_burst_then_one_event_per_refill_interval()
    {
        var correlator = new EventCorrelator(new EventRecorderOptions { ReportingController = "c", PerObjectBurst = 3, PerObjectRefillInterval = TimeSpan.FromMinutes(5) }, _time);

        var decisions = Enumerable.Range(0, 5).Select(i => correlator.Decide(Involved("w"), EventType.Normal, "R", $"m{i}", null)).ToList();

        Assert.Equal(3, decisions.Count(d => d is EventDecision.Create));
        Assert.Equal(2, decisions.Count(d => d is EventDecision.Drop));
        Assert.IsType<EventDecision.Create>(correlator.Decide(Involved("other"), EventType.Normal, "R", "m", null));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.IsType<EventDecision.Create>(correlator.Decide(Involved("w"), EventType.Normal, "R", "m9", null));
        Assert.IsType<EventDecision.Drop>(correlator.Decide(Involved("w"), EventType.Normal, "R", "m10", null));
    }

    [Fact]
    public void A_new_Event_names_its_object_source_and_reporting_controller()
    {
        var correlator = NewCorrelator();

        var create = Assert.IsType<EventDecision.Create>(correlator.Decide(Involved("w"), EventType.Warning, "Failed", "boom", "Reconcile"));

        Assert.StartsWith("w.", create.Event.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal("ns", create.Event.Metadata.NamespaceProperty);
        Assert.Equal("Warning", create.Event.Type);
        Assert.Equal(1, create.Event.Count);
        Assert.Equal("example.com/ctl", create.Event.ReportingComponent);
        Assert.Equal("pod-1", create.Event.ReportingInstance);
        Assert.Equal("example.com/ctl", create.Event.Source.Component);
        Assert.Equal("Reconcile", create.Event.Action);
        Assert.Equal(create.Event.FirstTimestamp, create.Event.LastTimestamp);
    }

    [Fact]
    public void Forgetting_a_vanished_Event_makes_the_next_one_a_create()
    {
        var correlator = NewCorrelator();
        var key = Record(correlator, Involved("w"), EventType.Normal, "Synced", "ok");

        correlator.Forget(key);

        Assert.IsType<EventDecision.Create>(correlator.Decide(Involved("w"), EventType.Normal, "Synced", "ok", null));
    }

    private static V1ObjectReference Involved(string name) =>
        new() { ApiVersion = "example.com/v1", Kind = "Widget", NamespaceProperty = "ns", Name = name, Uid = $"uid-{name}" };

    private static EventAggregationKey Record(EventCorrelator correlator, V1ObjectReference involved, EventType type, string reason, string message)
    {
        var create = Assert.IsType<EventDecision.Create>(correlator.Decide(involved, type, reason, message, null));
        correlator.Created(create.Key, create.Event);
        return create.Key;
    }

    private EventCorrelator NewCorrelator() =>
        new(new EventRecorderOptions { ReportingController = "example.com/ctl", ReportingInstance = "pod-1" }, _time);
}

using System.Collections.Concurrent;
using Controller.Runtime;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// When each resource's project is next observed (one GET) for drift, with the jittered intervals of
/// <see cref="ResyncSchedule"/>. Another component (a drift sweep, for example) can ask for an observe on the
/// resource's next reconcile with <see cref="RequestObserve"/>, whether or not its periodic check is due; it then
/// enqueues the key itself. Lost on restart by design (a restarted operator spreads its first checks).
/// </summary>
public sealed class ObserveSchedule(ResyncSchedule intervals, TimeProvider time)
{
    private readonly ConcurrentDictionary<ObjectKey, DateTimeOffset> _due = new();

    /// <summary>The next reconcile of <paramref name="key"/> observes the project, even if its check is not due.</summary>
    public void RequestObserve(ObjectKey key) => _due[key] = DateTimeOffset.MinValue;

    /// <summary>Whether an observe was asked for with <see cref="RequestObserve"/> and has not happened yet.</summary>
    public bool IsRequested(ObjectKey key) => _due.TryGetValue(key, out var due) && due == DateTimeOffset.MinValue;

    /// <summary>How long until the next observe is due; null when it is due now (or was never scheduled).</summary>
    public TimeSpan? TimeUntilDue(ObjectKey key)
    {
        var now = time.GetUtcNow();
        return _due.TryGetValue(key, out var due) && now < due ? due - now : null;
    }

    /// <summary>Schedules the next observe one jittered interval from now (after an observe, or after a create); returns the delay.</summary>
    public TimeSpan ScheduleNext(ObjectKey key) => Schedule(key, intervals.Next());

    /// <summary>
    /// Schedules the first observe of a resource found already converged after a start: uniform over one interval,
    /// so a restarted operator does not observe its whole fleet at once. Returns the delay.
    /// </summary>
    public TimeSpan ScheduleFirstAfterStart(ObjectKey key) => Schedule(key, intervals.FirstAfterStart());

    public void Forget(ObjectKey key) => _due.TryRemove(key, out _);

    private TimeSpan Schedule(ObjectKey key, TimeSpan delay)
    {
        _due[key] = time.GetUtcNow() + delay;
        return delay;
    }
}

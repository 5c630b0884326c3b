using System.Collections.Concurrent;
using Controller.Runtime;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// When each resource's project is next observed (one GET) for drift, with the jittered intervals of
/// <see cref="ResyncSchedule"/>. Another component (a drift sweep, for example) can ask for an observe on the
/// resource's next reconcile with <see cref="RequestObserve"/>, whether or not its periodic check is due; it then
/// enqueues the key itself. A request is kept apart from the schedule and taken only by a reconcile that decides
/// to observe after it was made (<see cref="TakeRequest"/>): one that arrives while a reconcile is already past its
/// GET survives that reconcile's <see cref="ScheduleNext"/> and makes the next one observe. Lost on restart by
/// design (a restarted operator spreads its first checks).
/// </summary>
public sealed class ObserveSchedule(ResyncSchedule intervals, TimeProvider time)
{
    private readonly ConcurrentDictionary<ObjectKey, DateTimeOffset> _due = new();
    private readonly ConcurrentDictionary<ObjectKey, ObserveReason> _requested = new();

    /// <summary>
    /// The next reconcile of <paramref name="key"/> that decides whether to observe observes, even if its check is not
    /// due. Two requests before that reconcile are one, with the more urgent reason.
    /// </summary>
    public void RequestObserve(ObjectKey key, ObserveReason reason = ObserveReason.Drift) =>
        _requested.AddOrUpdate(key, reason, (_, earlier) => earlier > reason ? earlier : reason);

    /// <summary>
    /// Why an observe was asked for with <see cref="RequestObserve"/>, null when it was not; the request is taken (a
    /// reconcile that calls this observes now, so the request is served by its GET).
    /// </summary>
    public ObserveReason? TakeRequest(ObjectKey key) => _requested.TryRemove(key, out var reason) ? reason : null;

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

    /// <summary>The resource went (or is not this process's any more): its schedule and any request are dropped.</summary>
    public void Forget(ObjectKey key)
    {
        _due.TryRemove(key, out _);
        _requested.TryRemove(key, out _);
    }

    private TimeSpan Schedule(ObjectKey key, TimeSpan delay)
    {
        _due[key] = time.GetUtcNow() + delay;
        return delay;
    }
}

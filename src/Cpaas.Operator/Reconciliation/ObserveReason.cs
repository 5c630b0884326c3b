namespace Cpaas.Operator.Reconciliation;

/// <summary>Why another component asked for an observe (<see cref="ObserveSchedule.RequestObserve"/>), which sets its priority.</summary>
public enum ObserveReason
{
    /// <summary>
    /// A check with nothing known to have changed: the operator's own write, or an updated_at that may hide a change in
    /// its second. Low priority (docs/decisions/0041): it must not make a user's change wait.
    /// </summary>
    Check = 0,

    /// <summary>The project changed out of band (or may have): a repair may follow, so high priority.</summary>
    Drift = 1,
}

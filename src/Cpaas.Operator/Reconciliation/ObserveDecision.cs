namespace Cpaas.Operator.Reconciliation;

/// <summary>What <see cref="ObservePolicy"/> decided for one reconcile of an existing project.</summary>
/// <param name="Wait">Not now: the time until the next observe is due. Null: observe now.</param>
/// <param name="IsLowPriority">
/// The observe is background work (the periodic safety net, or a check that nothing changed): low priority in the
/// account's rate budget (docs/decisions/0041-priority-rate-budget.md).
/// </param>
public readonly record struct ObserveDecision(TimeSpan? Wait, bool IsLowPriority)
{
    /// <summary>Observe now: something changed, or a sweep found drift.</summary>
    public static ObserveDecision Now => new(null, false);

    /// <summary>Observe now because the periodic check is due.</summary>
    public static ObserveDecision Periodic => new(null, true);

    /// <summary>Observe now because a sweep asked for a check (<see cref="ObserveReason.Check"/>).</summary>
    public static ObserveDecision Check => new(null, true);

    public static ObserveDecision After(TimeSpan wait) => new(wait, false);
}

namespace Cpaas.Operator.Reconciliation;

/// <summary>What <see cref="ObservePolicy"/> decided for one reconcile of an existing project.</summary>
/// <param name="Wait">Not now: the time until the next observe is due. Null: observe now.</param>
/// <param name="IsPeriodic">The observe is the periodic safety net (nothing changed and nobody asked): low priority.</param>
public readonly record struct ObserveDecision(TimeSpan? Wait, bool IsPeriodic)
{
    /// <summary>Observe now: something changed, or a sweep finding asked for it.</summary>
    public static ObserveDecision Now => new(null, false);

    /// <summary>Observe now because the periodic check is due.</summary>
    public static ObserveDecision Periodic => new(null, true);

    public static ObserveDecision After(TimeSpan wait) => new(wait, false);
}

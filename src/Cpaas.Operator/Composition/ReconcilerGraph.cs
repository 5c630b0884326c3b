using Cpaas.Operator.Reconciliation;

namespace Cpaas.Operator.Composition;

/// <summary>
/// The reconciler and the parts of its graph the rest of the operator shares: the drift sweep reads the inputs and
/// the updated_at memory and asks for observes through the schedule.
/// </summary>
public sealed record ReconcilerGraph(
    CpaasProjectReconciler Reconciler,
    InputResolver Inputs,
    ObserveSchedule ObserveSchedule,
    ProjectUpdatedAt UpdatedAt);

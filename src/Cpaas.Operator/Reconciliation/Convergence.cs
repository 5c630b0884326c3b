using Cpaas.Client.Models;
using Cpaas.Operator.Mapping;

namespace Cpaas.Operator.Reconciliation;

/// <summary>What a successful reconcile did, as the status records it.</summary>
/// <param name="AppId">The project.</param>
/// <param name="Observed">The GET of this reconcile; null for a project it created.</param>
/// <param name="Plan">The plan it applied (possibly empty).</param>
/// <param name="Desired">The desired project it converged to.</param>
/// <param name="Room">The embed room, when the embed section was written.</param>
/// <param name="IsDrift">The plan reverted out-of-band changes.</param>
public sealed record Convergence(string AppId, ProjectDetails? Observed, ProjectPlan Plan, DesiredProject Desired, EmbedRoom? Room, bool IsDrift)
{
    /// <summary>
    /// The project's updated_at to record in status.observedUpdatedAt, only when status is written anyway
    /// (<see cref="StatusComposer.Converged"/>): recording it never costs a write of its own.
    /// </summary>
    public string? ProjectUpdatedAt { get; init; }

    /// <summary>managementPolicy Observe: how the project differs from the spec; null when managed.</summary>
    public DriftReport? Report { get; init; }
}

namespace Cpaas.Operator.Drift;

/// <summary>What a sweep saw about a managed project.</summary>
public enum DriftFindingKind
{
    /// <summary>An Edit-level field the spec manages differs: repair it (Edit).</summary>
    EditLevelDrift,

    /// <summary>updated_at moved since the last converge (or none was recorded): observe fully (GET, diff, repair).</summary>
    ChangedSinceConverge,

    /// <summary>The listed app_key is not the connection Secret's: update the Secret, Warning event, never reset_key.</summary>
    KeyChangedOutOfBand,

    /// <summary>
    /// updated_at moved only by the operator's own write (see <see cref="ManagedProject.LastOwnWriteAt"/>): record the
    /// listed updated_at as converged, no GET.
    /// </summary>
    UpdatedByOwnWrite,
}

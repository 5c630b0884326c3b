namespace Cpaas.Operator.Drift;

/// <summary>What a sweep saw about a managed project. Every kind asks for one full observe (docs/decisions/0042).</summary>
public enum DriftFindingKind
{
    /// <summary>An Edit-level field the spec manages differs: repair it (Edit).</summary>
    EditLevelDrift,

    /// <summary>updated_at moved since the last converge (or none was recorded): observe fully (GET, diff, repair).</summary>
    ChangedSinceConverge,

    /// <summary>The listed app_key is not the connection Secret's: update the Secret, Warning event, never reset_key.</summary>
    KeyChangedOutOfBand,

    /// <summary>
    /// The operator wrote to the project after its last GET (see <see cref="ManagedProject.LastOwnWriteAt"/>): one GET
    /// checks that the write is all that changed, whether updated_at moved or not (second-granular timestamps cannot
    /// tell the operator's write from a portal edit in the same second).
    /// </summary>
    OwnWriteUnchecked,

    /// <summary>
    /// updated_at is the recorded one, but the GET that recorded it may have run in the same second as that update (the
    /// update is not older than the previous sweep's start on the API's clock): a later change in that second would not
    /// have moved it, so one more GET.
    /// </summary>
    UpdatedAtUnsettled,
}

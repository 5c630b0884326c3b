using Controller.Runtime;

namespace Cpaas.Operator.Drift;

/// <summary>
/// What the sweep needs to know about a project a CpaasProject of this shard manages (from the informer cache).
/// </summary>
/// <param name="Resource">The CpaasProject that manages the project.</param>
/// <param name="UpdatedAtAtConverge">The project's updated_at when the resource last converged; null when not recorded yet.</param>
/// <param name="Desired">The Edit-level fields the spec manages.</param>
/// <param name="KeyFingerprint">
/// <see cref="Drift.KeyFingerprint.Of"/> of the connection Secret's app_key, from the same <see cref="Drift.KeyFingerprint"/>
/// instance the sweep uses; null when unknown (no key comparison then).
/// </param>
/// <param name="LastOwnWriteAt">
/// When the operator last wrote to the project (add, Edit, PATCH, reset_key) after its last GET; null when it has not.
/// Such a write is unchecked: the next sweep asks for one GET, whatever updated_at shows (docs/decisions/0042).
/// </param>
public sealed record ManagedProject(
    ObjectKey Resource,
    DateTimeOffset? UpdatedAtAtConverge,
    DesiredEditFields Desired,
    string? KeyFingerprint,
    DateTimeOffset? LastOwnWriteAt = null);

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
/// When the operator last wrote to the project (Edit, PATCH, reset_key) after it last read its updated_at; null when it
/// has not. A listed updated_at no later than this plus the sweep margin is taken as the operator's own write.
/// </param>
public sealed record ManagedProject(
    ObjectKey Resource,
    DateTimeOffset? UpdatedAtAtConverge,
    DesiredEditFields Desired,
    string? KeyFingerprint,
    DateTimeOffset? LastOwnWriteAt = null);

using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;
using k8s.Models;

namespace Cpaas.Operator.Entities;

/// <summary>
/// What the operator observed and did. Written only through the status subresource and only when it changed.
/// Never holds a secret value: write-only inputs are kept as salted hashes, drift as field names.
/// </summary>
[Description("Observed state of the CPaaS project. Never holds a secret value.")]
public sealed record CpaasProjectStatus
{
    /// <summary>The most field names status.driftedFields and status.notComparableFields list (the rest are counted in Synced's message).</summary>
    public const int MaxReportedFields = 64;

    [JsonPropertyName("appId")]
    [Description("App id of the managed project, written right after it is created or adopted.")]
    public string? AppId { get; init; }

    [JsonPropertyName("customerId")]
    [Description("Customer id the project was created under, when one was given.")]
    public string? CustomerId { get; init; }

    [JsonPropertyName("observedGeneration")]
    [Description("The metadata.generation the status was last computed for.")]
    public long? ObservedGeneration { get; init; }

    [JsonPropertyName("conditions")]
    [Description("Ready and Synced conditions, each with its observedGeneration.")]
    [ListMapKeys("type")]
    public IList<V1Condition>? Conditions { get; init; }

    [JsonPropertyName("projectStatus")]
    [Description("Status of the project as the CPaaS API reports it.")]
    public ProjectStatusInfo? ProjectStatus { get; init; }

    [JsonPropertyName("services")]
    [Description("Services included in the project, as the CPaaS API reports them.")]
    public ServicesStatus? Services { get; init; }

    [JsonPropertyName("connectionSecretName")]
    [Description("Name of the Secret holding app_id and app_key.")]
    public string? ConnectionSecretName { get; init; }

    [JsonPropertyName("embed")]
    [Description("The embed room, when the embed section is set.")]
    public EmbedStatus? Embed { get; init; }

    [JsonPropertyName("appliedInputDigests")]
    [Description("Salted digests of the last applied write-only inputs, one string per section. Never values.")]
    public AppliedInputDigestsStatus? AppliedInputDigests { get; init; }

    /// <summary>
    /// The previous version's form of <see cref="AppliedInputDigests"/>: read, migrated and cleared by the next status
    /// write. Kept in the schema for one release so the API server does not prune it before every object migrated.
    /// </summary>
    [JsonPropertyName("appliedInputHashes")]
    [Description("Deprecated: the previous version's salted hashes of the applied write-only inputs; migrated to appliedInputDigests on the next status write.")]
    public IDictionary<string, string>? AppliedInputHashes { get; init; }

    /// <summary>
    /// RFC 3339 in UTC with the API's full precision (a string, not a date-time, so fractions of a second survive
    /// exactly: the sweep compares it for equality with what the API lists).
    /// </summary>
    [JsonPropertyName("observedUpdatedAt")]
    [Description("The project's updated_at (RFC 3339, UTC) as of the last converge the operator recorded, used by the drift sweep.")]
    public string? ObservedUpdatedAt { get; init; }

    [JsonPropertyName("lastRotationToken")]
    [Description("The apiKeyRotation.requestedAt token last handled.")]
    public string? LastRotationToken { get; init; }

    [JsonPropertyName("pendingRotation")]
    [Description("A key rotation in flight (set before reset_key is called, cleared once the new key is in the Secret).")]
    public PendingRotationStatus? PendingRotation { get; init; }

    [JsonPropertyName("driftedFields")]
    [Description("managementPolicy Observe: spec paths whose value differs from the project's (names only, never values; at most 64).")]
    [MaxItems(MaxReportedFields)]
    public IList<string>? DriftedFields { get; init; }

    [JsonPropertyName("notComparableFields")]
    [Description("managementPolicy Observe: spec paths the API never shows (write-only settings and secrets), so they cannot be compared; Manage would write them.")]
    [MaxItems(MaxReportedFields)]
    public IList<string>? NotComparableFields { get; init; }

    [JsonPropertyName("lastHandledReconcileAt")]
    [Description("The value of the annotation cpaas.enablex.io/reconcile-requested-at last handled (Flux's convention).")]
    public string? LastHandledReconcileAt { get; init; }

    [JsonPropertyName("lastDriftRepair")]
    [Description("The last correction of out-of-band changes.")]
    public DriftRepairStatus? LastDriftRepair { get; init; }
}

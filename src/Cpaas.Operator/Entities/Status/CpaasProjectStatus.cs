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

    [JsonPropertyName("appliedInputHashes")]
    [Description("Salted hashes of the last applied write-only inputs, by section/field. Never values.")]
    public IDictionary<string, string>? AppliedInputHashes { get; init; }

    [JsonPropertyName("lastRotationToken")]
    [Description("The apiKeyRotation.requestedAt token last handled.")]
    public string? LastRotationToken { get; init; }

    [JsonPropertyName("pendingRotation")]
    [Description("A key rotation in flight (set before reset_key is called, cleared once the new key is in the Secret).")]
    public PendingRotationStatus? PendingRotation { get; init; }

    [JsonPropertyName("lastDriftRepair")]
    [Description("The last correction of out-of-band changes.")]
    public DriftRepairStatus? LastDriftRepair { get; init; }
}

using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>
/// The desired CPaaS project. The operator never writes into spec (GitOps tools must see no diff): defaults such as
/// appName and the connection Secret name are applied in code.
/// </summary>
[Description("The desired EnableX CPaaS project.")]
[ValidationRule("!has(oldSelf.appId) || has(self.appId)", "appId cannot be removed once set")]
[ValidationRule("has(self.customerId) == has(oldSelf.customerId)", "customerId cannot be added or removed after creation")]
public sealed record CpaasProjectSpec
{
    [JsonPropertyName("appName")]
    [Description("Project name (app_name). Defaults to metadata.name; the default is applied by the operator and never written back.")]
    [MinLength(1), MaxLength(256)]
    public string? AppName { get; init; }

    [JsonPropertyName("categoryId")]
    [Description("Category id of the project (category_id), from the CPaaS data pool.")]
    [Required, MinLength(1), MaxLength(64)]
    public string CategoryId { get; init; } = string.Empty;

    [JsonPropertyName("shortDescription")]
    [Description("Short description (short_desc).")]
    [MaxLength(256)]
    public string? ShortDescription { get; init; }

    [JsonPropertyName("description")]
    [Description("Description (description).")]
    [MaxLength(4096)]
    public string? Description { get; init; }

    [JsonPropertyName("suspended")]
    [Description("Suspend the project (project status suspended) or keep it active. Absent: not managed.")]
    public bool? Suspended { get; init; }

    [JsonPropertyName("customerId")]
    [Description("Customer to create the project under (customer_id); admin accounts only. Immutable.")]
    [MinLength(1), MaxLength(64)]
    [Immutable("customerId is immutable")]
    public string? CustomerId { get; init; }

    [JsonPropertyName("appId")]
    [Description("Adopt the existing project with this app id instead of creating one. Immutable once set.")]
    [MinLength(1), MaxLength(64)]
    [Immutable("appId is immutable once set")]
    public string? AppId { get; init; }

    [JsonPropertyName("adoptionPolicy")]
    [Description("What to do when the resource holds no known project (no status.appId, annotation cpaas.enablex.io/app-id or spec.appId): Never (default) creates one; AdoptOrCreate adopts the single unclaimed project named appName, else creates; AdoptOnly adopts it, else reports ProjectNotFound and never creates.")]
    public AdoptionPolicy? AdoptionPolicy { get; init; }

    [JsonPropertyName("managementPolicy")]
    [Description("Manage (default) creates the project and keeps it equal to the spec. Observe never writes to the CPaaS API (no add, edit, PATCH, reset_key or suspend): it finds the project, publishes its Secret and reports the fields that differ in status.driftedFields.")]
    public ManagementPolicy? ManagementPolicy { get; init; }

    [JsonPropertyName("deletionPolicy")]
    [Description("What happens to the project when this resource is deleted: Retain (default) leaves it, Suspend suspends it. The API has no delete.")]
    public DeletionPolicy? DeletionPolicy { get; init; }

    [JsonPropertyName("credentialsSecretRef")]
    [Description("Secret in the same namespace with keys api_id and api_key of the EnableX account to use. Absent: the operator's default credentials.")]
    public SecretReference? CredentialsSecretRef { get; init; }

    [JsonPropertyName("connectionSecret")]
    [Description("The Secret the operator writes with app_id and app_key (and host_meeting_url with embed). Default name <metadata.name>-cpaas.")]
    public ConnectionSecretSpec? ConnectionSecret { get; init; }

    [JsonPropertyName("apiKeyRotation")]
    [Description("Rotation of the project's app key.")]
    public ApiKeyRotationSpec? ApiKeyRotation { get; init; }

    [JsonPropertyName("video")]
    [Description("Video service settings (PATCH video). Present means the video service is included.")]
    public VideoSpec? Video { get; init; }

    [JsonPropertyName("voice")]
    [Description("Voice service settings (PATCH voice). Present means the voice service is included.")]
    public VoiceSpec? Voice { get; init; }

    [JsonPropertyName("sms")]
    [Description("SMS service settings (PATCH sms). Present means the SMS service is included.")]
    public SmsSpec? Sms { get; init; }

    [JsonPropertyName("embed")]
    [Description("Video embed settings (PATCH video-embed). Implies the video service; write-only, compared by salted hashes.")]
    public EmbedSpec? Embed { get; init; }
}

using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>Video service settings: a camelCase mirror of PATCH /projects/{app_id}/video.</summary>
[Description("Video service settings (PATCH video). Present means the video service is included; absent fields are not managed.")]
public sealed record VideoSpec
{
    [JsonPropertyName("notificationUrl")]
    [Description("Webhook notification URL (notification_url).")]
    [Pattern(SchemaPatterns.HttpUrlOrEmpty), MaxLength(2048)]
    public string? NotificationUrl { get; init; }

    [JsonPropertyName("sip")]
    [Description("SIP integration with the video service (sip).")]
    public SipSpec? Sip { get; init; }

    [JsonPropertyName("phone")]
    [Description("Telephone integration: phone numbers (phone). The list is managed as a whole.")]
    public IList<PhoneNumberSpec>? Phone { get; init; }

    [JsonPropertyName("encryption")]
    [Description("Encryption of recordings (encryption). Write-only: not returned by GET.")]
    public VideoEncryptionSpec? Encryption { get; init; }

    [JsonPropertyName("recording")]
    [Description("Recording files, watermark and delivery (recording).")]
    public RecordingSpec? Recording { get; init; }
}

using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>Voice service settings: a camelCase mirror of PATCH /projects/{app_id}/voice.</summary>
[Description("Voice service settings (PATCH voice). Present means the voice service is included; absent fields are not managed.")]
public sealed record VoiceSpec
{
    [JsonPropertyName("in")]
    [Description("Incoming voice calls enabled (in).")]
    public bool? In { get; init; }

    [JsonPropertyName("out")]
    [Description("Outgoing voice calls enabled (out).")]
    public bool? Out { get; init; }

    [JsonPropertyName("sip")]
    [Description("SIP integration with the voice service (sip).")]
    public SipSpec? Sip { get; init; }

    [JsonPropertyName("inbound")]
    [Description("Handling of inbound calls (inbound).")]
    public VoiceInboundSpec? Inbound { get; init; }

    [JsonPropertyName("phone")]
    [Description("Phone numbers (phone). The list is managed as a whole. Write-only: not returned by GET.")]
    public IList<PhoneNumberSpec>? Phone { get; init; }

    [JsonPropertyName("notificationUrl")]
    [Description("Webhook notification URL (notification_url).")]
    [Pattern(SchemaPatterns.HttpUrlOrEmpty), MaxLength(2048)]
    public string? NotificationUrl { get; init; }
}

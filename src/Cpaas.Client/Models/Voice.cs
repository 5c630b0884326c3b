using System.Text.Json.Serialization;

namespace Cpaas.Client.Models;

/// <summary><c>project.voice</c> as GET returns it (no <c>phone</c>: that key is write-only).</summary>
public sealed record VoiceSettings
{
    [JsonPropertyName("in")]
    public bool? In { get; init; }

    [JsonPropertyName("out")]
    public bool? Out { get; init; }

    [JsonPropertyName("sip")]
    public SipSettings? Sip { get; init; }

    [JsonPropertyName("inbound")]
    public VoiceInbound? Inbound { get; init; }

    [JsonPropertyName("notification_url")]
    public string? NotificationUrl { get; init; }
}

/// <summary>Body of PATCH <c>/projects/{app_id}/voice</c>: only the keys to change.</summary>
public sealed record VoiceSettingsPatch
{
    [JsonPropertyName("in")]
    public bool? In { get; init; }

    [JsonPropertyName("out")]
    public bool? Out { get; init; }

    [JsonPropertyName("sip")]
    public SipSettings? Sip { get; init; }

    [JsonPropertyName("inbound")]
    public VoiceInbound? Inbound { get; init; }

    [JsonPropertyName("phone")]
    public IReadOnlyList<PhoneNumberPatch>? Phone { get; init; }

    [JsonPropertyName("notification_url")]
    public string? NotificationUrl { get; init; }
}

/// <summary><c>voice.inbound</c>: how incoming calls are answered.</summary>
public sealed record VoiceInbound
{
    [JsonPropertyName("event_url")]
    public string? EventUrl { get; init; }

    [JsonPropertyName("welcome_text")]
    public string? WelcomeText { get; init; }

    [JsonPropertyName("voice_type")]
    public string? VoiceType { get; init; }

    [JsonPropertyName("language")]
    public string? Language { get; init; }

    [JsonPropertyName("auto_record")]
    public bool? AutoRecord { get; init; }
}

using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH voice.inbound.</summary>
[Description("Handling of inbound voice calls.")]
public sealed record VoiceInboundSpec
{
    [JsonPropertyName("eventUrl")]
    [Description("URL that receives inbound call events (event_url).")]
    [Pattern(SchemaPatterns.HttpUrlOrEmpty), MaxLength(2048)]
    public string? EventUrl { get; init; }

    [JsonPropertyName("welcomeText")]
    [Description("Text spoken to the caller on answer (welcome_text).")]
    [MaxLength(4096)]
    public string? WelcomeText { get; init; }

    [JsonPropertyName("voiceType")]
    [Description("Voice used for the welcome text (voice_type).")]
    [MaxLength(64)]
    public string? VoiceType { get; init; }

    [JsonPropertyName("language")]
    [Description("Language of the welcome text (language).")]
    [MaxLength(64)]
    public string? Language { get; init; }

    [JsonPropertyName("autoRecord")]
    [Description("Record inbound calls automatically (auto_record).")]
    public bool? AutoRecord { get; init; }
}

using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>GET services_incl.</summary>
[Description("Services included in the project (services_incl).")]
public sealed record ServicesStatus
{
    [JsonPropertyName("video")]
    [Description("Video service included.")]
    public bool? Video { get; init; }

    [JsonPropertyName("sms")]
    [Description("SMS service included.")]
    public bool? Sms { get; init; }

    [JsonPropertyName("voice")]
    [Description("Voice service included.")]
    public bool? Voice { get; init; }
}

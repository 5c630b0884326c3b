using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video-embed options.chat_in.</summary>
[Description("Incoming chat notice and its tracking.")]
public sealed record ChatInTrackingSpec
{
    [JsonPropertyName("all")]
    [Description("Everyone is notified (all).")]
    public bool? All { get; init; }

    [JsonPropertyName("track")]
    [Description("Tracking value, or empty (track).")]
    [MaxLength(2048)]
    public string? Track { get; init; }
}

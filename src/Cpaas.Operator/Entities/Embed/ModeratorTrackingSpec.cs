using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video-embed options.session_expiry and options.user_in_lobby.</summary>
[Description("Moderator notice and its tracking.")]
public sealed record ModeratorTrackingSpec
{
    [JsonPropertyName("moderator")]
    [Description("Moderators are notified (moderator).")]
    public bool? Moderator { get; init; }

    [JsonPropertyName("track")]
    [Description("Tracking value, or empty (track).")]
    [MaxLength(2048)]
    public string? Track { get; init; }
}

using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video-embed options.user_exit, options.record_start and options.record_stop.</summary>
[Description("Who may do an action, and its tracking.")]
public sealed record RoleTrackingSpec
{
    [JsonPropertyName("moderator")]
    [Description("Moderators may (moderator).")]
    public bool? Moderator { get; init; }

    [JsonPropertyName("participant")]
    [Description("Participants may (participant).")]
    public bool? Participant { get; init; }

    [JsonPropertyName("track")]
    [Description("Tracking value, or empty (track).")]
    [MaxLength(2048)]
    public string? Track { get; init; }
}

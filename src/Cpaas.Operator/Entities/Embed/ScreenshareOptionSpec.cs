using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video-embed options.screenshare.</summary>
[Description("Screen sharing.")]
public sealed record ScreenshareOptionSpec
{
    [JsonPropertyName("show")]
    [Description("Show screen sharing (show).")]
    public bool? Show { get; init; }

    [JsonPropertyName("forModerator")]
    [Description("Moderators may share (for_moderator).")]
    public bool? ForModerator { get; init; }

    [JsonPropertyName("forParticipants")]
    [Description("Participants may share (for_participants).")]
    public bool? ForParticipants { get; init; }

    [JsonPropertyName("moderated")]
    [Description("Sharing needs a moderator's approval (moderated).")]
    public bool? Moderated { get; init; }
}

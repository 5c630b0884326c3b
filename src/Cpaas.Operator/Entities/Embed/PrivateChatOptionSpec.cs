using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video-embed options.pvt_chat.</summary>
[Description("Private chat.")]
public sealed record PrivateChatOptionSpec
{
    [JsonPropertyName("show")]
    [Description("Private chat enabled (show).")]
    public bool? Show { get; init; }

    [JsonPropertyName("toModerator")]
    [Description("Private chat with moderators (to_moderator).")]
    public bool? ToModerator { get; init; }

    [JsonPropertyName("toParticipants")]
    [Description("Private chat with participants (to_participants).")]
    public bool? ToParticipants { get; init; }
}

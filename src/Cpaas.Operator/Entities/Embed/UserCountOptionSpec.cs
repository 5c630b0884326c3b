using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video-embed options.user_count.</summary>
[Description("Visibility of the user count.")]
public sealed record UserCountOptionSpec
{
    [JsonPropertyName("toModerators")]
    [Description("User count shown to moderators (to_moderators).")]
    public AudienceVisibilitySpec? ToModerators { get; init; }

    [JsonPropertyName("toParticipants")]
    [Description("User count shown to participants (to_participants).")]
    public AudienceVisibilitySpec? ToParticipants { get; init; }
}

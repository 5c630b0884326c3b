using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video-embed options.user_list.</summary>
[Description("Visibility of the user list.")]
public sealed record UserListOptionSpec
{
    [JsonPropertyName("toModerators")]
    [Description("User list shown to moderators (to_moderators).")]
    public AudienceVisibilitySpec? ToModerators { get; init; }

    [JsonPropertyName("toParticipants")]
    [Description("User list shown to participants (to_participants).")]
    public AudienceVisibilitySpec? ToParticipants { get; init; }

    [JsonPropertyName("toParticipantsWb")]
    [Description("User list shown to participants on the whiteboard (to_participants_wb).")]
    public AudienceVisibilitySpec? ToParticipantsWb { get; init; }
}

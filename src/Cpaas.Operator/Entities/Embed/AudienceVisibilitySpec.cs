using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video-embed options.user_list.* and options.user_count.*.</summary>
[Description("Who sees a list or count, and whom it includes.")]
public sealed record AudienceVisibilitySpec
{
    [JsonPropertyName("show")]
    [Description("Show it (show).")]
    public bool? Show { get; init; }

    [JsonPropertyName("moderators")]
    [Description("Include moderators (moderators).")]
    public bool? Moderators { get; init; }

    [JsonPropertyName("participants")]
    [Description("Include participants (participants).")]
    public bool? Participants { get; init; }
}

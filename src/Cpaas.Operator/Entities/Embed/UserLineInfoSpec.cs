using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video-embed options.user_line_info.</summary>
[Description("Information shown on each user's line.")]
public sealed record UserLineInfoSpec
{
    [JsonPropertyName("username")]
    [Description("Show the user name (username).")]
    public bool? Username { get; init; }

    [JsonPropertyName("cam")]
    [Description("Show the camera state (cam).")]
    public bool? Cam { get; init; }

    [JsonPropertyName("mic")]
    [Description("Show the microphone state (mic).")]
    public bool? Mic { get; init; }

    [JsonPropertyName("bw")]
    [Description("Show the bandwidth (bw).")]
    public bool? Bw { get; init; }
}

using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video-embed options.bg_replace.</summary>
[Description("Background replacement.")]
public sealed record BackgroundReplaceOptionSpec
{
    [JsonPropertyName("show")]
    [Description("Show background replacement (show).")]
    public bool? Show { get; init; }

    [JsonPropertyName("bgBlur")]
    [Description("Background blur available (bg_blur).")]
    public bool? BgBlur { get; init; }
}

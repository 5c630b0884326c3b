using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video-embed options.grid_mode_switch.</summary>
[Description("Grid mode switch.")]
public sealed record GridModeSwitchSpec
{
    [JsonPropertyName("gallery")]
    [Description("Gallery mode available (gallery).")]
    public bool? Gallery { get; init; }

    [JsonPropertyName("leader")]
    [Description("Leader mode available (leader).")]
    public bool? Leader { get; init; }

    [JsonPropertyName("default")]
    [Description("Default mode, for example leader or gallery (default).")]
    [MaxLength(32)]
    public string? Default { get; init; }
}

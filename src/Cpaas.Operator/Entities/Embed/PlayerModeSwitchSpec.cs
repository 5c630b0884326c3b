using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video-embed options.player_mode_switch.</summary>
[Description("Player mode switch.")]
public sealed record PlayerModeSwitchSpec
{
    [JsonPropertyName("player")]
    [Description("Player mode available (player).")]
    public bool? Player { get; init; }

    [JsonPropertyName("global")]
    [Description("Global mode available (global).")]
    public bool? Global { get; init; }

    [JsonPropertyName("default")]
    [Description("Default mode, for example cover (default).")]
    [MaxLength(32)]
    public string? Default { get; init; }
}

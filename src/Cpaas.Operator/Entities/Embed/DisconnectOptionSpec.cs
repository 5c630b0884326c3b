using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video-embed options.disconnect.</summary>
[Description("The disconnect screen.")]
public sealed record DisconnectOptionSpec
{
    [JsonPropertyName("show")]
    [Description("Show the disconnect screen (show).")]
    public bool? Show { get; init; }

    [JsonPropertyName("exitUrl")]
    [Description("URL to go to after disconnecting, or empty (exit_url).")]
    [Pattern(SchemaPatterns.HttpUrlOrEmpty), MaxLength(2048)]
    public string? ExitUrl { get; init; }

    [JsonPropertyName("target")]
    [Description("Browsing context for the exit URL, for example _blank (target).")]
    [MaxLength(32)]
    public string? Target { get; init; }

    [JsonPropertyName("bgColor")]
    [Description("Background colour, or empty (bg_color).")]
    [Pattern(SchemaPatterns.HexColorOrEmpty)]
    public string? BgColor { get; init; }
}

using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video.recording.watermark.align.</summary>
[Description("Watermark alignment.")]
public sealed record WatermarkAlignSpec
{
    [JsonPropertyName("horz")]
    [Description("Horizontal alignment (horz).")]
    [MaxLength(32)]
    public string? Horz { get; init; }

    [JsonPropertyName("vert")]
    [Description("Vertical alignment (vert).")]
    [MaxLength(32)]
    public string? Vert { get; init; }

    [JsonPropertyName("offsetX")]
    [Description("Horizontal offset in pixels (offset_x).")]
    [Minimum(0)]
    public int? OffsetX { get; init; }

    [JsonPropertyName("offsetY")]
    [Description("Vertical offset in pixels (offset_y).")]
    [Minimum(0)]
    public int? OffsetY { get; init; }
}

using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video.recording.watermark.</summary>
[Description("Watermark on recordings.")]
public sealed record WatermarkSpec
{
    [JsonPropertyName("enabled")]
    [Description("Watermarking enabled (enabled).")]
    public bool? Enabled { get; init; }

    [JsonPropertyName("imgPath")]
    [Description("Watermark image path per media region (img_path).")]
    public WatermarkImagePathSpec? ImgPath { get; init; }

    [JsonPropertyName("opacity")]
    [Description("Watermark opacity (opacity).")]
    [Range(0, 100)]
    public double? Opacity { get; init; }

    [JsonPropertyName("align")]
    [Description("Watermark alignment and offsets (align).")]
    public WatermarkAlignSpec? Align { get; init; }
}

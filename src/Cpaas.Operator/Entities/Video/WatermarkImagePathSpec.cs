using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>
/// PATCH video.recording.watermark.img_path: one image per region, keys as in the API (upper case, as
/// [JsonPropertyName] gives them; the CRD's YAML is written from the same JSON metadata).
/// </summary>
[Description("Watermark image path per region; the keys are the API's region codes.")]
public sealed record WatermarkImagePathSpec
{
    [JsonPropertyName("IN")]
    [Description("Image path for the IN region (IN).")]
    [MaxLength(2048)]
    public string? IN { get; init; }

    [JsonPropertyName("DE")]
    [Description("Image path for the DE region (DE).")]
    [MaxLength(2048)]
    public string? DE { get; init; }

    [JsonPropertyName("US")]
    [Description("Image path for the US region (US).")]
    [MaxLength(2048)]
    public string? US { get; init; }

    [JsonPropertyName("SG")]
    [Description("Image path for the SG region (SG).")]
    [MaxLength(2048)]
    public string? SG { get; init; }
}

using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video.recording (GET returns delivery separately as video.recording_delivery).</summary>
[Description("Recording settings.")]
public sealed record RecordingSpec
{
    [JsonPropertyName("files")]
    [Description("Which recording files are delivered, and whether they are deleted after delivery (files).")]
    public RecordingFilesSpec? Files { get; init; }

    [JsonPropertyName("watermark")]
    [Description("Watermark on recordings (watermark).")]
    public WatermarkSpec? Watermark { get; init; }

    [JsonPropertyName("delivery")]
    [Description("Delivery methods and access to your servers for recordings (delivery).")]
    public RecordingDeliverySpec? Delivery { get; init; }
}

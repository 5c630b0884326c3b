using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video.recording.delivery (GET: video.recording_delivery, ftp and scp only).</summary>
[Description("Recording delivery methods.")]
public sealed record RecordingDeliverySpec
{
    [JsonPropertyName("ftp")]
    [Description("Delivery to an FTP server (ftp).")]
    public FtpDeliverySpec? Ftp { get; init; }

    [JsonPropertyName("scp")]
    [Description("Delivery to an SCP server (scp).")]
    public ScpDeliverySpec? Scp { get; init; }

    [JsonPropertyName("s3")]
    [Description("Delivery to Amazon S3 (s3). Write-only: not returned by GET.")]
    public S3DeliverySpec? S3 { get; init; }

    [JsonPropertyName("gdrive")]
    [Description("Delivery to Google Drive (gdrive). Write-only: not returned by GET.")]
    public GoogleDriveDeliverySpec? Gdrive { get; init; }

    [JsonPropertyName("azure")]
    [Description("Delivery to Azure storage (azure). Write-only: not returned by GET.")]
    public AzureDeliverySpec? Azure { get; init; }
}

using System.Text.Json.Serialization;

namespace Cpaas.Client.Models;

/// <summary>
/// <c>project.video</c> as GET returns it. Differs from <see cref="VideoSettingsPatch"/>: delivery is
/// <c>recording_delivery</c> beside <c>recording</c> (ftp and scp only), <c>media_zone</c> is read-only here,
/// phone entries carry <c>toll</c>, and <c>encryption</c> is never returned.
/// </summary>
public sealed record VideoSettings
{
    [JsonPropertyName("notification_url")]
    public string? NotificationUrl { get; init; }

    [JsonPropertyName("media_zone")]
    public IReadOnlyList<string>? MediaZone { get; init; }

    [JsonPropertyName("sip")]
    public SipSettings? Sip { get; init; }

    [JsonPropertyName("phone")]
    public IReadOnlyList<VideoPhoneNumber>? Phone { get; init; }

    [JsonPropertyName("recording")]
    public RecordingSettings? Recording { get; init; }

    [JsonPropertyName("recording_delivery")]
    public RecordingDelivery? RecordingDelivery { get; init; }
}

/// <summary>Body of PATCH <c>/projects/{app_id}/video</c>: only the keys to change.</summary>
public sealed record VideoSettingsPatch
{
    [JsonPropertyName("notification_url")]
    public string? NotificationUrl { get; init; }

    [JsonPropertyName("sip")]
    public SipSettings? Sip { get; init; }

    [JsonPropertyName("phone")]
    public IReadOnlyList<PhoneNumberPatch>? Phone { get; init; }

    [JsonPropertyName("encryption")]
    public VideoEncryptionPatch? Encryption { get; init; }

    [JsonPropertyName("recording")]
    public RecordingSettingsPatch? Recording { get; init; }
}

/// <summary><c>encryption</c> of PATCH video (write-only: GET does not return it).</summary>
public sealed record VideoEncryptionPatch
{
    [JsonPropertyName("encryption_key")]
    public string? EncryptionKey { get; init; }

#pragma warning disable IDE0051 // Called by the record's synthesized ToString.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("EncryptionKey = ").Append(Secrets.Mask(EncryptionKey));
        return true;
    }
#pragma warning restore IDE0051
}

/// <summary><c>video.recording</c> as GET returns it (delivery is a sibling there: <see cref="VideoSettings.RecordingDelivery"/>).</summary>
public sealed record RecordingSettings
{
    [JsonPropertyName("files")]
    public RecordingFiles? Files { get; init; }

    [JsonPropertyName("watermark")]
    public RecordingWatermark? Watermark { get; init; }
}

/// <summary><c>recording</c> of PATCH video, with <c>delivery</c> nested inside.</summary>
public sealed record RecordingSettingsPatch
{
    [JsonPropertyName("files")]
    public RecordingFiles? Files { get; init; }

    [JsonPropertyName("watermark")]
    public RecordingWatermark? Watermark { get; init; }

    [JsonPropertyName("delivery")]
    public RecordingDeliveryPatch? Delivery { get; init; }
}

/// <summary><c>recording.files</c>: which files are delivered, and whether they are deleted after delivery.</summary>
public sealed record RecordingFiles
{
    [JsonPropertyName("record_individual")]
    public bool? RecordIndividual { get; init; }

    [JsonPropertyName("record_transcoded")]
    public bool? RecordTranscoded { get; init; }

    [JsonPropertyName("meta")]
    public bool? Meta { get; init; }

    [JsonPropertyName("transcription")]
    public bool? Transcription { get; init; }

    [JsonPropertyName("text_chat")]
    public bool? TextChat { get; init; }

    [JsonPropertyName("delete")]
    public bool? Delete { get; init; }
}

/// <summary><c>recording.watermark</c>.</summary>
public sealed record RecordingWatermark
{
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; init; }

    [JsonPropertyName("img_path")]
    public WatermarkImagePaths? ImgPath { get; init; }

    [JsonPropertyName("opacity")]
    public double? Opacity { get; init; }

    [JsonPropertyName("align")]
    public WatermarkAlignment? Align { get; init; }
}

/// <summary><c>watermark.img_path</c>: one image per media region (keys are upper-case region codes).</summary>
public sealed record WatermarkImagePaths
{
    [JsonPropertyName("IN")]
    public string? In { get; init; }

    [JsonPropertyName("DE")]
    public string? De { get; init; }

    [JsonPropertyName("US")]
    public string? Us { get; init; }

    [JsonPropertyName("SG")]
    public string? Sg { get; init; }
}

/// <summary><c>watermark.align</c>.</summary>
public sealed record WatermarkAlignment
{
    [JsonPropertyName("horz")]
    public string? Horz { get; init; }

    [JsonPropertyName("vert")]
    public string? Vert { get; init; }

    [JsonPropertyName("offset_x")]
    public int? OffsetX { get; init; }

    [JsonPropertyName("offset_y")]
    public int? OffsetY { get; init; }
}

using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video.recording.files.</summary>
[Description("Recording files to deliver.")]
public sealed record RecordingFilesSpec
{
    [JsonPropertyName("recordIndividual")]
    [Description("Deliver individual participant stream recordings (record_individual).")]
    public bool? RecordIndividual { get; init; }

    [JsonPropertyName("recordTranscoded")]
    [Description("Deliver the transcoded session recording (record_transcoded).")]
    public bool? RecordTranscoded { get; init; }

    [JsonPropertyName("meta")]
    [Description("Deliver metadata files (meta).")]
    public bool? Meta { get; init; }

    [JsonPropertyName("transcription")]
    [Description("Deliver transcriptions (transcription).")]
    public bool? Transcription { get; init; }

    [JsonPropertyName("textChat")]
    [Description("Deliver text chat logs (text_chat).")]
    public bool? TextChat { get; init; }

    [JsonPropertyName("delete")]
    [Description("Delete files after delivery (delete).")]
    public bool? Delete { get; init; }
}

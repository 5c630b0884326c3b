using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video.recording.delivery.gdrive.</summary>
[Description("Recording delivery to Google Drive.")]
public sealed record GoogleDriveDeliverySpec
{
    [JsonPropertyName("opted")]
    [Description("Google Drive delivery opted in (opted).")]
    public bool? Opted { get; init; }

    [JsonPropertyName("rootFolderId")]
    [Description("Root folder id (root_folder_id).")]
    [MaxLength(256)]
    public string? RootFolderId { get; init; }

    [JsonPropertyName("path")]
    [Description("Path below the root folder (path).")]
    [MaxLength(1024)]
    public string? Path { get; init; }

    [JsonPropertyName("accessFileSecretRef")]
    [Description("Secret key holding the service account access file, JSON (access_file).")]
    public SecretKeySelector? AccessFileSecretRef { get; init; }
}

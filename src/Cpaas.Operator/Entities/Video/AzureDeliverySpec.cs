using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video.recording.delivery.azure.</summary>
[Description("Recording delivery to Azure storage.")]
public sealed record AzureDeliverySpec
{
    [JsonPropertyName("storageAccount")]
    [Description("Storage account name (storage_account).")]
    [MaxLength(256)]
    public string? StorageAccount { get; init; }

    [JsonPropertyName("accessKeySecretRef")]
    [Description("Secret key holding the storage account access key (access_key).")]
    public SecretKeySelector? AccessKeySecretRef { get; init; }

    [JsonPropertyName("destPath")]
    [Description("Destination path (dest_path).")]
    [MaxLength(1024)]
    public string? DestPath { get; init; }
}

using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video.encryption.</summary>
[Description("Encryption of recordings.")]
public sealed record VideoEncryptionSpec
{
    [JsonPropertyName("encryptionKeySecretRef")]
    [Description("Secret key holding the encryption key (encryption_key).")]
    public SecretKeySelector? EncryptionKeySecretRef { get; init; }
}

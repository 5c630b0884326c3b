using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video.recording.delivery.s3.</summary>
[Description("Recording delivery to Amazon S3.")]
public sealed record S3DeliverySpec
{
    [JsonPropertyName("opted")]
    [Description("S3 delivery opted in (opted).")]
    public bool? Opted { get; init; }

    [JsonPropertyName("mode")]
    [Description("Authentication mode (mode), for example secret_access_based.")]
    [MaxLength(64)]
    public string? Mode { get; init; }

    [JsonPropertyName("accessKeyIdSecretRef")]
    [Description("Secret key holding the AWS access key id (access_key_id).")]
    public SecretKeySelector? AccessKeyIdSecretRef { get; init; }

    [JsonPropertyName("secretKeySecretRef")]
    [Description("Secret key holding the AWS secret access key (secret_key).")]
    public SecretKeySelector? SecretKeySecretRef { get; init; }

    [JsonPropertyName("path")]
    [Description("Bucket and path (path).")]
    [MaxLength(1024)]
    public string? Path { get; init; }

    [JsonPropertyName("region")]
    [Description("AWS region (region), for example us-east-1.")]
    [MaxLength(64)]
    public string? Region { get; init; }

    [JsonPropertyName("envAuth")]
    [Description("Authenticate from the environment instead of keys (env_auth).")]
    public bool? EnvAuth { get; init; }
}

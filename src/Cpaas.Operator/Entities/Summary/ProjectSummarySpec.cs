using System.Text.Json.Serialization;

namespace Cpaas.Operator.Entities.Summary;

/// <summary>
/// The spec fields a <see cref="CpaasProjectSummary"/> keeps, under the JSON names of <see cref="CpaasProjectSpec"/>
/// (a test holds the two together): the Edit-level fields the drift sweep compares, the ids the claims check
/// indexes, the credentials and connection Secret names, and each service section only as present or absent.
/// </summary>
public sealed record ProjectSummarySpec
{
    [JsonPropertyName("appName")]
    public string? AppName { get; init; }

    [JsonPropertyName("categoryId")]
    public string CategoryId { get; init; } = string.Empty;

    [JsonPropertyName("shortDescription")]
    public string? ShortDescription { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("suspended")]
    public bool? Suspended { get; init; }

    [JsonPropertyName("appId")]
    public string? AppId { get; init; }

    [JsonPropertyName("credentialsSecretRef")]
    public SecretReference? CredentialsSecretRef { get; init; }

    [JsonPropertyName("connectionSecret")]
    public ConnectionSecretSpec? ConnectionSecret { get; init; }

    [JsonPropertyName("video")]
    public SectionPresence? Video { get; init; }

    [JsonPropertyName("voice")]
    public SectionPresence? Voice { get; init; }

    [JsonPropertyName("sms")]
    public SectionPresence? Sms { get; init; }

    [JsonPropertyName("embed")]
    public SectionPresence? Embed { get; init; }

    /// <summary>spec.connectionSecret.name, if set.</summary>
    [JsonIgnore]
    public string? ConnectionSecretName => ConnectionSecret?.Name;
}

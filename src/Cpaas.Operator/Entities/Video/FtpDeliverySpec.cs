using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video.recording.delivery.ftp.</summary>
[Description("Recording delivery to an FTP server.")]
public sealed record FtpDeliverySpec
{
    [JsonPropertyName("opted")]
    [Description("FTP delivery opted in (opted).")]
    public bool? Opted { get; init; }

    [JsonPropertyName("periodicity")]
    [Description("Delivery periodicity (periodicity).")]
    [MaxLength(64)]
    public string? Periodicity { get; init; }

    [JsonPropertyName("periodicityEx")]
    [Description("Periodicity detail (periodicity_ex).")]
    [MaxLength(256)]
    public string? PeriodicityEx { get; init; }

    [JsonPropertyName("protocol")]
    [Description("Transfer protocol (protocol).")]
    [MaxLength(32)]
    public string? Protocol { get; init; }

    [JsonPropertyName("encryption")]
    [Description("Transport encryption (encryption).")]
    [MaxLength(64)]
    public string? Encryption { get; init; }

    [JsonPropertyName("host")]
    [Description("Server host name or IP address (host).")]
    [Pattern(SchemaPatterns.Host), MaxLength(253)]
    public string? Host { get; init; }

    [JsonPropertyName("port")]
    [Description("Server port (port).")]
    [Range(1, 65535)]
    public int? Port { get; init; }

    [JsonPropertyName("username")]
    [Description("Login user name (username).")]
    [MaxLength(256)]
    public string? Username { get; init; }

    [JsonPropertyName("passwordSecretRef")]
    [Description("Secret key holding the login password (password). Write-only: compared by a salted hash of the last applied value.")]
    public SecretKeySelector? PasswordSecretRef { get; init; }

    [JsonPropertyName("path")]
    [Description("Destination path on the server (path).")]
    [MaxLength(1024)]
    public string? Path { get; init; }
}

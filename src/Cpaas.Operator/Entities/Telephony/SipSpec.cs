using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>SIP integration (PATCH video.sip and voice.sip).</summary>
[Description("SIP integration: the SIP host the service connects to.")]
public sealed record SipSpec
{
    [JsonPropertyName("serverUrl")]
    [Description("SIP server URL (server_url).")]
    [MinLength(1), MaxLength(2048)]
    public string? ServerUrl { get; init; }

    [JsonPropertyName("username")]
    [Description("SIP user name (username).")]
    [MaxLength(256)]
    public string? Username { get; init; }

    [JsonPropertyName("passwordSecretRef")]
    [Description("Secret key holding the SIP password (password). Write-only: compared by a salted hash of the last applied value.")]
    public SecretKeySelector? PasswordSecretRef { get; init; }

    [JsonPropertyName("sigServers")]
    [Description("Signalling servers (sig_servers). The list is managed as a whole.")]
    public IList<string>? SigServers { get; init; }

    [JsonPropertyName("mediaServers")]
    [Description("Media servers (media_servers). The list is managed as a whole.")]
    public IList<string>? MediaServers { get; init; }
}

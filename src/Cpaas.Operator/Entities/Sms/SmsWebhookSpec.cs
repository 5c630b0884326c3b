using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH sms.default.in_webhook and sms.default.delivery_webhook.</summary>
[Description("A webhook the SMS service calls.")]
public sealed record SmsWebhookSpec
{
    [JsonPropertyName("url")]
    [Description("Webhook URL (url).")]
    [Pattern(SchemaPatterns.HttpUrlOrEmpty), MaxLength(2048)]
    public string? Url { get; init; }

    [JsonPropertyName("auth")]
    [Description("The webhook uses basic authentication (auth).")]
    public bool? Auth { get; init; }

    [JsonPropertyName("username")]
    [Description("Basic authentication user name (username).")]
    [MaxLength(256)]
    public string? Username { get; init; }

    [JsonPropertyName("passwordSecretRef")]
    [Description("Secret key holding the basic authentication password (password). Write-only: compared by a salted hash of the last applied value.")]
    public SecretKeySelector? PasswordSecretRef { get; init; }
}

using System.Text;
using System.Text.Json.Serialization;

namespace Cpaas.Client.Models;

/// <summary>
/// <c>project.sms</c> as GET returns it; also the body of PATCH <c>/projects/{app_id}/sms</c> (docs/cpaas-api.md:
/// the same shape for both). In a PATCH set only the keys to change.
/// </summary>
public sealed record SmsSettings
{
    [JsonPropertyName("incoming")]
    public bool? Incoming { get; init; }

    [JsonPropertyName("outgoing")]
    public bool? Outgoing { get; init; }

    [JsonPropertyName("default")]
    public SmsDefaults? Default { get; init; }
}

/// <summary><c>sms.default</c>: default sender and webhooks.</summary>
public sealed record SmsDefaults
{
    [JsonPropertyName("sender_name")]
    public string? SenderName { get; init; }

    [JsonPropertyName("long_code")]
    public string? LongCode { get; init; }

    [JsonPropertyName("short_code")]
    public string? ShortCode { get; init; }

    [JsonPropertyName("keyword")]
    public string? Keyword { get; init; }

    [JsonPropertyName("in_webhook")]
    public SmsWebhook? InWebhook { get; init; }

    [JsonPropertyName("delivery_webhook")]
    public SmsWebhook? DeliveryWebhook { get; init; }
}

/// <summary>An SMS webhook (<c>in_webhook</c>, <c>delivery_webhook</c>).</summary>
public sealed record SmsWebhook
{
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("auth")]
    public bool? Auth { get; init; }

    [JsonPropertyName("username")]
    public string? Username { get; init; }

    [JsonPropertyName("password")]
    public string? Password { get; init; }

#pragma warning disable IDE0051 // Called by the record's synthesized ToString.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Url = ").Append(Url)
            .Append(", Auth = ").Append(Auth)
            .Append(", Username = ").Append(Username)
            .Append(", Password = ").Append(Secrets.Mask(Password));
        return true;
    }
#pragma warning restore IDE0051
}

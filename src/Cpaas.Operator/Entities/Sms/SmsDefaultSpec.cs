using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH sms.default.</summary>
[Description("Default SMS settings.")]
public sealed record SmsDefaultSpec
{
    [JsonPropertyName("senderName")]
    [Description("Sender name (sender_name).")]
    [MaxLength(64)]
    public string? SenderName { get; init; }

    [JsonPropertyName("longCode")]
    [Description("Long code number (long_code).")]
    [MaxLength(32)]
    public string? LongCode { get; init; }

    [JsonPropertyName("shortCode")]
    [Description("Short code number (short_code).")]
    [MaxLength(32)]
    public string? ShortCode { get; init; }

    [JsonPropertyName("keyword")]
    [Description("Keyword (keyword).")]
    [MaxLength(64)]
    public string? Keyword { get; init; }

    [JsonPropertyName("inWebhook")]
    [Description("Webhook for incoming SMS (in_webhook).")]
    public SmsWebhookSpec? InWebhook { get; init; }

    [JsonPropertyName("deliveryWebhook")]
    [Description("Webhook for delivery reports (delivery_webhook).")]
    public SmsWebhookSpec? DeliveryWebhook { get; init; }
}

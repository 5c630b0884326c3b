using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>SMS service settings: a camelCase mirror of PATCH /projects/{app_id}/sms.</summary>
[Description("SMS service settings (PATCH sms). Present means the SMS service is included; absent fields are not managed.")]
public sealed record SmsSpec
{
    [JsonPropertyName("incoming")]
    [Description("Incoming SMS enabled (incoming).")]
    public bool? Incoming { get; init; }

    [JsonPropertyName("outgoing")]
    [Description("Outgoing SMS enabled (outgoing).")]
    public bool? Outgoing { get; init; }

    [JsonPropertyName("default")]
    [Description("Default SMS settings (default).")]
    public SmsDefaultSpec? Default { get; init; }
}

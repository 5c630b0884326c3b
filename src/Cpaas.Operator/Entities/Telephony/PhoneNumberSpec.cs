using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>One phone number of the telephone integration (PATCH video.phone[] and voice.phone[]).</summary>
[Description("A phone number for telephone integration.")]
public sealed record PhoneNumberSpec
{
    [JsonPropertyName("in")]
    [Description("Inbound calls enabled on this number (in).")]
    public bool? In { get; init; }

    [JsonPropertyName("out")]
    [Description("Outbound calls enabled on this number (out).")]
    public bool? Out { get; init; }

    [JsonPropertyName("country")]
    [Description("Country of the number (country).")]
    [MaxLength(128)]
    public string? Country { get; init; }

    [JsonPropertyName("countryCode")]
    [Description("Country calling code (country_code).")]
    [MaxLength(16)]
    public string? CountryCode { get; init; }

    [JsonPropertyName("phone")]
    [Description("The phone number (phone).")]
    [MaxLength(32)]
    public string? Phone { get; init; }
}

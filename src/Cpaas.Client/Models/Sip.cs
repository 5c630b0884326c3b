using System.Text;
using System.Text.Json.Serialization;

namespace Cpaas.Client.Models;

/// <summary><c>sip</c> of video and voice; the same shape in GET and PATCH.</summary>
public sealed record SipSettings
{
    [JsonPropertyName("server_url")]
    public string? ServerUrl { get; init; }

    [JsonPropertyName("username")]
    public string? Username { get; init; }

    [JsonPropertyName("password")]
    public string? Password { get; init; }

    [JsonPropertyName("sig_servers")]
    public IReadOnlyList<string>? SigServers { get; init; }

    [JsonPropertyName("media_servers")]
    public IReadOnlyList<string>? MediaServers { get; init; }

#pragma warning disable IDE0051 // Called by the record's synthesized ToString.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ServerUrl = ").Append(ServerUrl)
            .Append(", Username = ").Append(Username)
            .Append(", Password = ").Append(Secrets.Mask(Password));
        return true;
    }
#pragma warning restore IDE0051
}

/// <summary>A phone number entry in PATCH video and PATCH voice (<c>phone</c>; no <c>toll</c>).</summary>
public sealed record PhoneNumberPatch
{
    [JsonPropertyName("in")]
    public bool? In { get; init; }

    [JsonPropertyName("out")]
    public bool? Out { get; init; }

    [JsonPropertyName("country")]
    public string? Country { get; init; }

    [JsonPropertyName("country_code")]
    public string? CountryCode { get; init; }

    [JsonPropertyName("phone")]
    public string? Phone { get; init; }
}

/// <summary>A phone number entry as GET returns it under <c>video.phone</c> (with <c>toll</c>).</summary>
public sealed record VideoPhoneNumber
{
    [JsonPropertyName("in")]
    public bool? In { get; init; }

    [JsonPropertyName("out")]
    public bool? Out { get; init; }

    [JsonPropertyName("country")]
    public string? Country { get; init; }

    [JsonPropertyName("country_code")]
    public string? CountryCode { get; init; }

    [JsonPropertyName("phone")]
    public string? Phone { get; init; }

    [JsonPropertyName("toll")]
    public bool? Toll { get; init; }
}

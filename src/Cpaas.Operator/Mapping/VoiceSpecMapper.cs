using Cpaas.Client.Models;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Mapping;

/// <summary>Spec voice section to the client's typed PATCH voice body.</summary>
public static class VoiceSpecMapper
{
    /// <summary>The PATCH body with every field the spec sets; secret references are resolved from <paramref name="secrets"/>.</summary>
    public static VoiceSettingsPatch ToPatch(VoiceSpec spec, IReadOnlyDictionary<SecretKeySelector, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(secrets);
        return Map(spec, secrets);
    }

    private static VoiceSettingsPatch Map(VoiceSpec spec, IReadOnlyDictionary<SecretKeySelector, string> secrets) => new()
    {
        In = spec.In,
        Out = spec.Out,
        Sip = spec.Sip is { } sip ? Map(sip, secrets) : null,
        Inbound = spec.Inbound is { } inbound ? Map(inbound) : null,
        Phone = spec.Phone?.Select(item => Map(item)).ToList(),
        NotificationUrl = spec.NotificationUrl,
    };

    private static SipSettings Map(SipSpec spec, IReadOnlyDictionary<SecretKeySelector, string> secrets) => new()
    {
        ServerUrl = spec.ServerUrl,
        Username = spec.Username,
        Password = secrets.Resolve(spec.PasswordSecretRef),
        SigServers = spec.SigServers?.ToList(),
        MediaServers = spec.MediaServers?.ToList(),
    };

    private static VoiceInbound Map(VoiceInboundSpec spec) => new()
    {
        EventUrl = spec.EventUrl,
        WelcomeText = spec.WelcomeText,
        VoiceType = spec.VoiceType,
        Language = spec.Language,
        AutoRecord = spec.AutoRecord,
    };

    private static PhoneNumberPatch Map(PhoneNumberSpec spec) => new()
    {
        In = spec.In,
        Out = spec.Out,
        Country = spec.Country,
        CountryCode = spec.CountryCode,
        Phone = spec.Phone,
    };
}

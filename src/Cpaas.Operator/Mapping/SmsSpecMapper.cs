using Cpaas.Client.Models;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Mapping;

/// <summary>Spec sms section to the client's typed PATCH sms body.</summary>
public static class SmsSpecMapper
{
    /// <summary>The PATCH body with every field the spec sets; secret references are resolved from <paramref name="secrets"/>.</summary>
    public static SmsSettings ToPatch(SmsSpec spec, IReadOnlyDictionary<SecretKeySelector, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(secrets);
        return Map(spec, secrets);
    }

    private static SmsSettings Map(SmsSpec spec, IReadOnlyDictionary<SecretKeySelector, string> secrets) => new()
    {
        Incoming = spec.Incoming,
        Outgoing = spec.Outgoing,
        Default = spec.Default is { } defaults ? Map(defaults, secrets) : null,
    };

    private static SmsDefaults Map(SmsDefaultSpec spec, IReadOnlyDictionary<SecretKeySelector, string> secrets) => new()
    {
        SenderName = spec.SenderName,
        LongCode = spec.LongCode,
        ShortCode = spec.ShortCode,
        Keyword = spec.Keyword,
        InWebhook = spec.InWebhook is { } inWebhook ? Map(inWebhook, secrets) : null,
        DeliveryWebhook = spec.DeliveryWebhook is { } deliveryWebhook ? Map(deliveryWebhook, secrets) : null,
    };

    private static SmsWebhook Map(SmsWebhookSpec spec, IReadOnlyDictionary<SecretKeySelector, string> secrets) => new()
    {
        Url = spec.Url,
        Auth = spec.Auth,
        Username = spec.Username,
        Password = secrets.Resolve(spec.PasswordSecretRef),
    };
}

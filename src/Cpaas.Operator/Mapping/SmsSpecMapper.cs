using Cpaas.Client.Models;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Mapping;

/// <summary>Spec sms section to the client's typed PATCH sms body (generated: <see cref="SpecPatchMapper"/>).</summary>
public static class SmsSpecMapper
{
    /// <summary>The PATCH body with every field the spec sets; secret references are resolved from <paramref name="secrets"/>.</summary>
    /// <exception cref="MissingSecretValueException">A referenced secret value is not in <paramref name="secrets"/>.</exception>
    public static SmsSettings ToPatch(SmsSpec spec, IReadOnlyDictionary<SecretKeySelector, string> secrets) =>
        new SpecPatchMapper(secrets).ToPatch(spec ?? throw new ArgumentNullException(nameof(spec)));
}

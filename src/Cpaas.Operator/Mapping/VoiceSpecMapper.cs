using Cpaas.Client.Models;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Mapping;

/// <summary>Spec voice section to the client's typed PATCH voice body (generated: <see cref="SpecPatchMapper"/>).</summary>
public static class VoiceSpecMapper
{
    /// <summary>The PATCH body with every field the spec sets; secret references are resolved from <paramref name="secrets"/>.</summary>
    /// <exception cref="MissingSecretValueException">A referenced secret value is not in <paramref name="secrets"/>.</exception>
    public static VoiceSettingsPatch ToPatch(VoiceSpec spec, IReadOnlyDictionary<SecretKeySelector, string> secrets) =>
        new SpecPatchMapper(secrets).ToPatch(spec ?? throw new ArgumentNullException(nameof(spec)));
}

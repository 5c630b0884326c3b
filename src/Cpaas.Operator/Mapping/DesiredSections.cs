using Cpaas.Client.Models;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Mapping;

/// <summary>The full PATCH bodies the spec asks for, one per section the spec sets (secrets resolved).</summary>
public sealed record DesiredSections(VideoSettingsPatch? Video, VoiceSettingsPatch? Voice, SmsSettings? Sms, VideoEmbedPatch? Embed)
{
    /// <exception cref="MissingSecretValueException">A referenced secret value is not in <paramref name="secrets"/>.</exception>
    public static DesiredSections FromSpec(CpaasProjectSpec spec, IReadOnlyDictionary<SecretKeySelector, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(secrets);
        return new DesiredSections(
            spec.Video is { } video ? VideoSpecMapper.ToPatch(video, secrets) : null,
            spec.Voice is { } voice ? VoiceSpecMapper.ToPatch(voice, secrets) : null,
            spec.Sms is { } sms ? SmsSpecMapper.ToPatch(sms, secrets) : null,
            spec.Embed is { } embed ? EmbedSpecMapper.ToPatch(embed) : null);
    }

    // Holds resolved secret values: print only which sections are set.
#pragma warning disable IDE0051 // Called by the record's synthesized ToString.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Video = ").Append(Video is not null)
            .Append(", Voice = ").Append(Voice is not null)
            .Append(", Sms = ").Append(Sms is not null)
            .Append(", Embed = ").Append(Embed is not null);
        return true;
    }
#pragma warning restore IDE0051
}

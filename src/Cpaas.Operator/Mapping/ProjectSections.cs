using Cpaas.Client.Models;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Mapping;

/// <summary>
/// A project's service settings in the shape of the PATCH bodies (one per section; null: not set). The same shape
/// holds what the spec asks for (<see cref="FromSpec"/>), what GET shows (<see cref="FromGet"/>) and the keys a
/// plan changes, so the three compare key by key. Resolved secret values may be inside: it prints no values.
/// </summary>
public sealed record ProjectSections(VideoSettingsPatch? Video, VoiceSettingsPatch? Voice, SmsSettings? Sms, VideoEmbedPatch? Embed)
{
    public static ProjectSections None { get; } = new(null, null, null, null);

    public bool IsEmpty => Video is null && Voice is null && Sms is null && Embed is null;

    /// <summary>The full PATCH bodies of every section the spec sets, secret references resolved from <paramref name="secrets"/>.</summary>
    /// <exception cref="MissingSecretValueException">A referenced secret value is not in <paramref name="secrets"/>.</exception>
    public static ProjectSections FromSpec(CpaasProjectSpec spec, IReadOnlyDictionary<SecretKeySelector, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(secrets);
        return new ProjectSections(
            spec.Video is { } video ? VideoSpecMapper.ToPatch(video, secrets) : null,
            spec.Voice is { } voice ? VoiceSpecMapper.ToPatch(voice, secrets) : null,
            spec.Sms is { } sms ? SmsSpecMapper.ToPatch(sms, secrets) : null,
            spec.Embed is { } embed ? EmbedSpecMapper.ToPatch(embed) : null);
    }

    /// <summary>
    /// GET rearranged into the PATCH shape, where the two differ (docs/cpaas-api.md): <c>video.recording_delivery</c>
    /// becomes <c>video.recording.delivery</c>; <c>video.phone[].toll</c> and <c>video.media_zone</c> (GET only) are
    /// dropped; sms has one shape for both. Write-only keys (encryption, s3/gdrive/azure, voice.phone, embed) are
    /// never in GET and stay unset.
    /// </summary>
    public static ProjectSections FromGet(ProjectDetails project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return new ProjectSections(
            project.Video is { } video ? VideoFromGet(video) : null,
            project.Voice is { } voice ? VoiceFromGet(voice) : null,
            project.Sms,
            Embed: null);
    }

    private static VideoSettingsPatch VideoFromGet(VideoSettings video) => new()
    {
        NotificationUrl = video.NotificationUrl,
        Sip = video.Sip,
        Phone = video.Phone?.Select(phone => new PhoneNumberPatch
        {
            In = phone.In,
            Out = phone.Out,
            Country = phone.Country,
            CountryCode = phone.CountryCode,
            Phone = phone.Phone,
        }).ToList(),
        Recording = video.Recording is null && video.RecordingDelivery is null
            ? null
            : new RecordingSettingsPatch
            {
                Files = video.Recording?.Files,
                Watermark = video.Recording?.Watermark,
                Delivery = video.RecordingDelivery is { } delivery
                    ? new RecordingDeliveryPatch { Ftp = delivery.Ftp, Scp = delivery.Scp }
                    : null,
            },
    };

    private static VoiceSettingsPatch VoiceFromGet(VoiceSettings voice) => new()
    {
        In = voice.In,
        Out = voice.Out,
        Sip = voice.Sip,
        Inbound = voice.Inbound,
        NotificationUrl = voice.NotificationUrl,
    };

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

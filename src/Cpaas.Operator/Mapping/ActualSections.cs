using Cpaas.Client.Models;

namespace Cpaas.Operator.Mapping;

/// <summary>
/// The project's service settings as GET returns them, rearranged into the PATCH bodies' shape so they compare
/// key by key with the desired PATCH bodies. Sections GET did not return are null.
/// </summary>
public sealed record ActualSections(VideoSettingsPatch? Video, VoiceSettingsPatch? Voice, SmsSettings? Sms)
{
    public static ActualSections None { get; } = new(null, null, null);

    /// <summary>
    /// Explicit GET to PATCH path map: <c>video.recording_delivery</c> becomes <c>video.recording.delivery</c>;
    /// <c>video.phone[].toll</c> and <c>video.media_zone</c> (GET only) are dropped; sms has one shape for both.
    /// Write-only keys (encryption, s3/gdrive/azure, voice.phone, embed) are never in GET and stay unset.
    /// </summary>
    public static ActualSections FromGet(ProjectDetails project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return new ActualSections(
            project.Video is { } video ? VideoFromGet(video) : null,
            project.Voice is { } voice ? VoiceFromGet(voice) : null,
            project.Sms);
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
}

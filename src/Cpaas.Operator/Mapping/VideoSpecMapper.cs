using Cpaas.Client.Models;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Mapping;

/// <summary>Spec video section to the client's typed PATCH video body.</summary>
public static class VideoSpecMapper
{
    /// <summary>The PATCH body with every field the spec sets; secret references are resolved from <paramref name="secrets"/>.</summary>
    public static VideoSettingsPatch ToPatch(VideoSpec spec, IReadOnlyDictionary<SecretKeySelector, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(secrets);
        return Map(spec, secrets);
    }

    private static VideoSettingsPatch Map(VideoSpec spec, IReadOnlyDictionary<SecretKeySelector, string> secrets) => new()
    {
        NotificationUrl = spec.NotificationUrl,
        Sip = spec.Sip is { } sip ? Map(sip, secrets) : null,
        Phone = spec.Phone?.Select(item => Map(item)).ToList(),
        Encryption = spec.Encryption is { } encryption ? Map(encryption, secrets) : null,
        Recording = spec.Recording is { } recording ? Map(recording, secrets) : null,
    };

    private static SipSettings Map(SipSpec spec, IReadOnlyDictionary<SecretKeySelector, string> secrets) => new()
    {
        ServerUrl = spec.ServerUrl,
        Username = spec.Username,
        Password = secrets.Resolve(spec.PasswordSecretRef),
        SigServers = spec.SigServers?.ToList(),
        MediaServers = spec.MediaServers?.ToList(),
    };

    private static PhoneNumberPatch Map(PhoneNumberSpec spec) => new()
    {
        In = spec.In,
        Out = spec.Out,
        Country = spec.Country,
        CountryCode = spec.CountryCode,
        Phone = spec.Phone,
    };

    private static VideoEncryptionPatch Map(VideoEncryptionSpec spec, IReadOnlyDictionary<SecretKeySelector, string> secrets) => new()
    {
        EncryptionKey = secrets.Resolve(spec.EncryptionKeySecretRef),
    };

    private static RecordingSettingsPatch Map(RecordingSpec spec, IReadOnlyDictionary<SecretKeySelector, string> secrets) => new()
    {
        Files = spec.Files is { } files ? Map(files) : null,
        Watermark = spec.Watermark is { } watermark ? Map(watermark) : null,
        Delivery = spec.Delivery is { } delivery ? Map(delivery, secrets) : null,
    };

    private static RecordingFiles Map(RecordingFilesSpec spec) => new()
    {
        RecordIndividual = spec.RecordIndividual,
        RecordTranscoded = spec.RecordTranscoded,
        Meta = spec.Meta,
        Transcription = spec.Transcription,
        TextChat = spec.TextChat,
        Delete = spec.Delete,
    };

    private static RecordingWatermark Map(WatermarkSpec spec) => new()
    {
        Enabled = spec.Enabled,
        ImgPath = spec.ImgPath is { } imgPath ? Map(imgPath) : null,
        Opacity = spec.Opacity,
        Align = spec.Align is { } align ? Map(align) : null,
    };

    private static RecordingDeliveryPatch Map(RecordingDeliverySpec spec, IReadOnlyDictionary<SecretKeySelector, string> secrets) => new()
    {
        Ftp = spec.Ftp is { } ftp ? Map(ftp, secrets) : null,
        Scp = spec.Scp is { } scp ? Map(scp, secrets) : null,
        S3 = spec.S3 is { } s3 ? Map(s3, secrets) : null,
        Gdrive = spec.Gdrive is { } gdrive ? Map(gdrive, secrets) : null,
        Azure = spec.Azure is { } azure ? Map(azure, secrets) : null,
    };

    private static WatermarkImagePaths Map(WatermarkImagePathSpec spec) => new()
    {
        In = spec.IN,
        De = spec.DE,
        Us = spec.US,
        Sg = spec.SG,
    };

    private static WatermarkAlignment Map(WatermarkAlignSpec spec) => new()
    {
        Horz = spec.Horz,
        Vert = spec.Vert,
        OffsetX = spec.OffsetX,
        OffsetY = spec.OffsetY,
    };

    private static FtpDelivery Map(FtpDeliverySpec spec, IReadOnlyDictionary<SecretKeySelector, string> secrets) => new()
    {
        Opted = spec.Opted,
        Periodicity = spec.Periodicity,
        PeriodicityEx = spec.PeriodicityEx,
        Protocol = spec.Protocol,
        Encryption = spec.Encryption,
        Host = spec.Host,
        Port = spec.Port,
        Username = spec.Username,
        Password = secrets.Resolve(spec.PasswordSecretRef),
        Path = spec.Path,
    };

    private static ScpDelivery Map(ScpDeliverySpec spec, IReadOnlyDictionary<SecretKeySelector, string> secrets) => new()
    {
        Opted = spec.Opted,
        Periodicity = spec.Periodicity,
        Host = spec.Host,
        Port = spec.Port,
        Username = spec.Username,
        Password = secrets.Resolve(spec.PasswordSecretRef),
        Path = spec.Path,
    };

    private static S3Delivery Map(S3DeliverySpec spec, IReadOnlyDictionary<SecretKeySelector, string> secrets) => new()
    {
        Opted = spec.Opted,
        Mode = spec.Mode,
        AccessKeyId = secrets.Resolve(spec.AccessKeyIdSecretRef),
        SecretKey = secrets.Resolve(spec.SecretKeySecretRef),
        Path = spec.Path,
        Region = spec.Region,
        EnvAuth = spec.EnvAuth,
    };

    private static GdriveDelivery Map(GoogleDriveDeliverySpec spec, IReadOnlyDictionary<SecretKeySelector, string> secrets) => new()
    {
        Opted = spec.Opted,
        RootFolderId = spec.RootFolderId,
        Path = spec.Path,
        AccessFile = secrets.Resolve(spec.AccessFileSecretRef),
    };

    private static AzureDelivery Map(AzureDeliverySpec spec, IReadOnlyDictionary<SecretKeySelector, string> secrets) => new()
    {
        StorageAccount = spec.StorageAccount,
        AccessKey = secrets.Resolve(spec.AccessKeySecretRef),
        DestPath = spec.DestPath,
    };
}

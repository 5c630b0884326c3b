using Cpaas.Client.Models;
using Cpaas.Operator.Entities;
using Riok.Mapperly.Abstractions;

namespace Cpaas.Operator.Mapping;

/// <summary>
/// Spec sections to the client's typed PATCH bodies, generated at compile time by Mapperly (no reflection).
/// Members pair by C# name: the spec records mirror the wire records, so only the differences are written here.
/// An unset spec field stays null and is left out of the PATCH body. Every spec member must reach the body and
/// every body member must come from the spec (<see cref="RequiredMappingStrategy.Both"/>; the Mapperly
/// diagnostics are errors, see <c>.editorconfig</c> in this folder), so a field added on one side only fails the build.
/// A partial class because the generator writes the method bodies; the key lookup for secrets is the only code here.
/// </summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Both)]
internal sealed partial class SpecPatchMapper
{
    private readonly IReadOnlyDictionary<SecretKeySelector, string> _secrets;

    /// <param name="secrets">Resolved values of the spec's secret references (the spec names a key, the body carries its value).</param>
    public SpecPatchMapper(IReadOnlyDictionary<SecretKeySelector, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = secrets;
    }

    public partial VideoSettingsPatch ToPatch(VideoSpec spec);

    public partial VoiceSettingsPatch ToPatch(VoiceSpec spec);

    public partial SmsSettings ToPatch(SmsSpec spec);

    public partial VideoEmbedPatch ToPatch(EmbedSpec spec);

    // The write-only secret fields: <key>SecretRef in the spec, <key> holding the value on the wire.
    [MapProperty(nameof(SipSpec.PasswordSecretRef), nameof(SipSettings.Password))]
    private partial SipSettings ToPatch(SipSpec spec);

    [MapProperty(nameof(VideoEncryptionSpec.EncryptionKeySecretRef), nameof(VideoEncryptionPatch.EncryptionKey))]
    private partial VideoEncryptionPatch ToPatch(VideoEncryptionSpec spec);

    [MapProperty(nameof(FtpDeliverySpec.PasswordSecretRef), nameof(FtpDelivery.Password))]
    private partial FtpDelivery ToPatch(FtpDeliverySpec spec);

    [MapProperty(nameof(ScpDeliverySpec.PasswordSecretRef), nameof(ScpDelivery.Password))]
    [MapperIgnoreTarget(nameof(ScpDelivery.PeriodicityEx))] // GET shows it; the API's PATCH has no such key
    private partial ScpDelivery ToPatch(ScpDeliverySpec spec);

    [MapProperty(nameof(S3DeliverySpec.AccessKeyIdSecretRef), nameof(S3Delivery.AccessKeyId))]
    [MapProperty(nameof(S3DeliverySpec.SecretKeySecretRef), nameof(S3Delivery.SecretKey))]
    private partial S3Delivery ToPatch(S3DeliverySpec spec);

    [MapProperty(nameof(GoogleDriveDeliverySpec.AccessFileSecretRef), nameof(GdriveDelivery.AccessFile))]
    private partial GdriveDelivery ToPatch(GoogleDriveDeliverySpec spec);

    [MapProperty(nameof(AzureDeliverySpec.AccessKeySecretRef), nameof(AzureDelivery.AccessKey))]
    private partial AzureDelivery ToPatch(AzureDeliverySpec spec);

    [MapProperty(nameof(SmsWebhookSpec.PasswordSecretRef), nameof(SmsWebhook.Password))]
    private partial SmsWebhook ToPatch(SmsWebhookSpec spec);

    // The region keys are upper case in the spec (as the API spells them) and Pascal case in the client.
    [MapProperty(nameof(WatermarkImagePathSpec.IN), nameof(WatermarkImagePaths.In))]
    [MapProperty(nameof(WatermarkImagePathSpec.DE), nameof(WatermarkImagePaths.De))]
    [MapProperty(nameof(WatermarkImagePathSpec.US), nameof(WatermarkImagePaths.Us))]
    [MapProperty(nameof(WatermarkImagePathSpec.SG), nameof(WatermarkImagePaths.Sg))]
    private partial WatermarkImagePaths ToPatch(WatermarkImagePathSpec spec);

    /// <exception cref="MissingSecretValueException">The reference is set but its value was not resolved.</exception>
    private string? Resolve(SecretKeySelector? selector) => _secrets.Resolve(selector);
}

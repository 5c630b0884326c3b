using System.Text.Json;
using System.Text.Json.Serialization;
using Cpaas.Client.Serialization;

namespace Cpaas.Client.Models;

/// <summary>
/// Source-generated System.Text.Json metadata for every wire type. Unset (null) properties are not written, so
/// a PATCH body carries only what the caller set. Reading is lenient: booleans, numbers, strings and dates in
/// the forms real servers send (see the converters), unknown keys ignored.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    Converters =
    [
        typeof(LenientBooleanConverter),
        typeof(LenientInt32Converter),
        typeof(LenientDoubleConverter),
        typeof(LenientStringConverter),
        typeof(LenientDateTimeOffsetConverter),
    ])]
[JsonSerializable(typeof(CpaasEnvelope))]
[JsonSerializable(typeof(ProjectListResponse))]
[JsonSerializable(typeof(ProjectGetResponse))]
[JsonSerializable(typeof(ProjectCredentialsResponse))]
[JsonSerializable(typeof(ProjectUpdatedResponse))]
[JsonSerializable(typeof(VideoEmbedResponse))]
[JsonSerializable(typeof(ProjectCreateRequest))]
[JsonSerializable(typeof(ProjectUpdateRequest))]
[JsonSerializable(typeof(VideoSettingsPatch))]
[JsonSerializable(typeof(VoiceSettingsPatch))]
[JsonSerializable(typeof(SmsSettings))]
[JsonSerializable(typeof(VideoEmbedPatch))]
[JsonSerializable(typeof(ProjectDetails))]
[JsonSerializable(typeof(ProjectSummary))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class CpaasJsonContext : JsonSerializerContext;

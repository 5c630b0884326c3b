using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Controller.Runtime.Serialization;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Hosting;

/// <summary>
/// The JSON the CpaasProject informer decodes its list and watch with (docs/decisions/0063-project-cache-summary.md):
/// the operator's JSON, except that each spec section is read as present or absent (the shared instances of
/// <see cref="ProjectCacheTransform"/>) and the status fields only a reconcile reads are skipped. Their JSON is passed
/// over by the reader and never becomes objects or strings, so listing 10,000 resources builds only the summaries
/// the cache keeps. Read-only: writing a summary back is refused.
/// </summary>
public static class ProjectSummaryJson
{
    public static KubeJson Kube { get; } = new(OperatorJsonContext.Default.WithAddedModifier(Summarize));

    private static void Summarize(JsonTypeInfo info)
    {
        if (info.Type == typeof(CpaasProjectSpec))
        {
            foreach (var property in info.Properties)
            {
                property.CustomConverter = property.PropertyType switch
                {
                    var t when t == typeof(VideoSpec) => new PresenceOnly<VideoSpec>(ProjectCacheTransform.PresentVideo),
                    var t when t == typeof(VoiceSpec) => new PresenceOnly<VoiceSpec>(ProjectCacheTransform.PresentVoice),
                    var t when t == typeof(SmsSpec) => new PresenceOnly<SmsSpec>(ProjectCacheTransform.PresentSms),
                    var t when t == typeof(EmbedSpec) => new PresenceOnly<EmbedSpec>(ProjectCacheTransform.PresentEmbed),
                    _ => property.CustomConverter,
                };
            }
        }
        else if (info.Type == typeof(CpaasProjectStatus))
        {
            foreach (var property in info.Properties)
            {
                property.CustomConverter = property.PropertyType switch
                {
                    var t when t == typeof(AppliedInputDigestsStatus) => new Skipped<AppliedInputDigestsStatus>(),
                    var t when t == typeof(IDictionary<string, string>) => new Skipped<IDictionary<string, string>>(),
                    var t when t == typeof(ProjectStatusInfo) => new Skipped<ProjectStatusInfo>(),
                    var t when t == typeof(ServicesStatus) => new Skipped<ServicesStatus>(),
                    var t when t == typeof(EmbedStatus) => new Skipped<EmbedStatus>(),
                    var t when t == typeof(DriftRepairStatus) => new Skipped<DriftRepairStatus>(),
                    _ => property.CustomConverter,
                };
            }
        }
    }

    /// <summary>
    /// Skips the value the reader is at. A list is read from the response stream, and <see cref="Utf8JsonReader.Skip"/>
    /// refuses a reader that is not over the final block; the serializer buffered the whole value before calling
    /// the converter, so TrySkip succeeds.
    /// </summary>
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new JsonException("A JSON value ended before it was complete.");
        }
    }

    /// <summary>A section read as "present": its content is skipped.</summary>
    private sealed class PresenceOnly<T>(T present) : JsonConverter<T>
        where T : class
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            SkipValue(ref reader);
            return present;
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            throw new NotSupportedException("A CpaasProject summary is never written back.");
    }

    /// <summary>A field only a reconcile reads: skipped, left null.</summary>
    private sealed class Skipped<T> : JsonConverter<T>
        where T : class
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            SkipValue(ref reader);
            return null;
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            throw new NotSupportedException("A CpaasProject summary is never written back.");
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cpaas.Operator.Entities.Summary;

/// <summary>Reads any JSON value as <see cref="SectionPresence.Present"/> without building it; writes <c>{}</c>.</summary>
public sealed class SectionPresenceConverter : JsonConverter<SectionPresence>
{
    public override SectionPresence Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // A list is read from the response stream and Skip refuses a reader that is not over the final block; the
        // serializer buffers a whole value before it calls a converter, so TrySkip succeeds.
        if (!reader.TrySkip())
        {
            throw new JsonException("A spec section ended before it was complete.");
        }

        return SectionPresence.Present;
    }

    public override void Write(Utf8JsonWriter writer, SectionPresence value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteEndObject();
    }
}

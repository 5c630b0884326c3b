using System.Text.Json;

namespace Cpaas.Client.Serialization;

/// <summary>Passing over a value inside a converter, whether the reader holds the whole document or one buffer of a stream.</summary>
internal static class JsonValueSkipping
{
    /// <summary>
    /// Skips the value the reader is at. <see cref="Utf8JsonReader.Skip"/> refuses any reader that is not over the
    /// final block, which is every reader of a response read as a stream; the serializer has buffered the whole
    /// value before it calls a converter, so <see cref="Utf8JsonReader.TrySkip"/> always succeeds here.
    /// </summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new JsonException("A JSON value ended before it was complete.");
        }
    }
}

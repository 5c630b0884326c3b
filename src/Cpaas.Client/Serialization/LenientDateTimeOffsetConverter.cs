using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cpaas.Client.Serialization;

/// <summary>
/// Reads the API's <c>"Date"</c> fields (docs/cpaas-api.md), whose format the documentation does not fix: ISO 8601, the common
/// <c>yyyy-MM-dd HH:mm:ss</c> (taken as UTC), or Unix time in seconds or milliseconds (number or string).
/// An unreadable value becomes null. Writes ISO 8601.
/// </summary>
public sealed class LenientDateTimeOffsetConverter : JsonConverter<DateTimeOffset?>
{
    // Below this a Unix timestamp is in seconds, above it in milliseconds (10^11 s is the year 5138).
    private const long MillisecondsThreshold = 100_000_000_000;

    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return Parse(reader.GetString());
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var unix) ? FromUnix(unix) : null;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                JsonValueSkipping.SkipValue(ref reader);
                return null;
            default:
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } d)
        {
            writer.WriteStringValue(d.ToString("O", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    internal static DateTimeOffset? Parse(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var unix))
        {
            return FromUnix(unix);
        }

        return DateTimeOffset.TryParse(
            trimmed,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
            out var parsed)
            ? parsed
            : null;
    }

    private static DateTimeOffset? FromUnix(long value)
    {
        try
        {
            return Math.Abs(value) < MillisecondsThreshold
                ? DateTimeOffset.FromUnixTimeSeconds(value)
                : DateTimeOffset.FromUnixTimeMilliseconds(value);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}

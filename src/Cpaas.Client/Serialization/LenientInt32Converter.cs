using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cpaas.Client.Serialization;

/// <summary>
/// Reads an integer sent as <c>12</c>, <c>"12"</c> or <c>"12.0"</c>; an empty or unreadable value becomes null.
/// Writes a JSON number.
/// </summary>
public sealed class LenientInt32Converter : JsonConverter<int?>
{
    public override bool HandleNull => true;

    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetInt32(out var i))
                {
                    return i;
                }

                return reader.TryGetDecimal(out var d) ? ToInt32(d) : null;
            case JsonTokenType.String:
                return decimal.TryParse(reader.GetString()?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                    ? ToInt32(parsed)
                    : null;
            case JsonTokenType.True:
                return 1;
            case JsonTokenType.False:
                return 0;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                JsonValueSkipping.SkipValue(ref reader);
                return null;
            default:
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
    {
        if (value is { } i)
        {
            writer.WriteNumberValue(i);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static int? ToInt32(decimal value) =>
        decimal.Truncate(value) == value && value is >= int.MinValue and <= int.MaxValue ? (int)value : null;
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cpaas.Client.Serialization;

/// <summary>Reads a number sent as <c>0.5</c> or <c>"0.5"</c>; an empty or unreadable value becomes null. Writes a JSON number.</summary>
public sealed class LenientDoubleConverter : JsonConverter<double?>
{
    public override bool HandleNull => true;

    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetDouble(out var d) ? d : null;
            case JsonTokenType.String:
                return double.TryParse(reader.GetString()?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                    && double.IsFinite(parsed)
                    ? parsed
                    : null;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                JsonValueSkipping.SkipValue(ref reader);
                return null;
            default:
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
    {
        if (value is { } d)
        {
            writer.WriteNumberValue(d);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cpaas.Client.Serialization;

/// <summary>
/// Reads a boolean the way real CPaaS responses send it: <c>true</c>, <c>"true"</c>, <c>1</c>, <c>"1"</c>
/// (and the false forms). Anything it cannot read as a boolean becomes null rather than failing the whole
/// response. Writes a JSON boolean.
/// </summary>
public sealed class LenientBooleanConverter : JsonConverter<bool?>
{
    public override bool HandleNull => true;

    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number:
                return reader.TryGetDecimal(out var number) ? number != 0 : null;
            case JsonTokenType.String:
                return Parse(reader.GetString());
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                JsonValueSkipping.SkipValue(ref reader);
                return null;
            default:
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is { } b)
        {
            writer.WriteBooleanValue(b);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    internal static bool? Parse(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (bool.TryParse(trimmed, out var b))
        {
            return b;
        }

        if (decimal.TryParse(trimmed, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return number != 0;
        }

        return trimmed.ToUpperInvariant() switch
        {
            "YES" or "ON" or "Y" => true,
            "NO" or "OFF" or "N" => false,
            _ => null,
        };
    }
}

using System.Globalization;
using System.Text;

namespace Cpaas.Operator.Hosting;

/// <summary>Go-style durations (<c>90s</c>, <c>10m</c>, <c>1h30m</c>, <c>250ms</c>), the notation Kubernetes users know from flags.</summary>
public static class Duration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.Trim().AsSpan();
        if (span.SequenceEqual("0"))
        {
            return true;
        }

        var total = 0.0;
        while (!span.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0 || !double.TryParse(span[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            span = span[numberLength..];
            var unitLength = 0;
            while (unitLength < span.Length && char.IsAsciiLetter(span[unitLength]))
            {
                unitLength++;
            }

            double? milliseconds = span[..unitLength] switch
            {
                "ms" => 1,
                "s" => 1_000,
                "m" => 60_000,
                "h" => 3_600_000,
                _ => null,
            };
            if (milliseconds is null)
            {
                return false;
            }

            total += number * milliseconds.Value;
            span = span[unitLength..];
        }

        value = TimeSpan.FromMilliseconds(total);
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a duration such as 30s, 10m or 1h30m");

    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var builder = new StringBuilder();
        if (value.Hours + (value.Days * 24) > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{value.Hours + (value.Days * 24)}h");
        }

        if (value.Minutes > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{value.Minutes}m");
        }

        if (value.Seconds > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{value.Seconds}s");
        }

        if (value.Milliseconds > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{value.Milliseconds}ms");
        }

        return builder.ToString();
    }
}

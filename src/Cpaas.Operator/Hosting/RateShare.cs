using System.Globalization;

namespace Cpaas.Operator.Hosting;

/// <summary>A share of a rate, written <c>50%</c> or <c>0.5</c>: above 0 and at most 1.</summary>
public static class RateShare
{
    public static bool TryParse(string? text, out double share)
    {
        share = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var percent = trimmed.EndsWith('%');
        if (!double.TryParse(percent ? trimmed[..^1] : trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        value = percent ? value / 100 : value;
        if (value is <= 0 or > 1 || double.IsNaN(value))
        {
            return false;
        }

        share = value;
        return true;
    }
}

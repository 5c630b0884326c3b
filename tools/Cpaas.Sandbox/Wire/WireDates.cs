using System.Globalization;

namespace Cpaas.Sandbox.Wire;

internal static class WireDates
{
    /// <summary>ISO 8601 in UTC with milliseconds, e.g. <c>2025-03-01T10:15:30.123Z</c>.</summary>
    public static string Format(DateTimeOffset time) => Format(time, WireDateFormat.IsoMilliseconds);

    public static string? Format(DateTimeOffset? time) => time is { } t ? Format(t) : null;

    public static string Format(DateTimeOffset time, WireDateFormat format) => format switch
    {
        WireDateFormat.Seconds => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        _ => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
    };

    public static string? Format(DateTimeOffset? time, WireDateFormat format) => time is { } t ? Format(t, format) : null;
}

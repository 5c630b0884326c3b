using System.Globalization;

namespace Cpaas.Sandbox.Wire;

internal static class WireDates
{
    /// <summary>ISO 8601 in UTC with milliseconds, e.g. <c>2025-03-01T10:15:30.123Z</c>.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? time) => time is { } t ? Format(t) : null;
}

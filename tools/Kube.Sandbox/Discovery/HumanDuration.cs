using System.Globalization;

namespace Kube.Sandbox.Discovery;

/// <summary>Ages as kubectl shows them (5s, 3m20s, 2d4h), the same rounding as Kubernetes' duration.HumanDuration.</summary>
public static class HumanDuration
{
    public static string Since(DateTimeOffset then, DateTimeOffset now) => Format(now - then);

    public static string Format(TimeSpan d)
    {
        var c = CultureInfo.InvariantCulture;
        if (d < TimeSpan.FromSeconds(-1))
        {
            return "<invalid>";
        }

        if (d < TimeSpan.Zero)
        {
            return "0s";
        }

        var seconds = (long)d.TotalSeconds;
        if (seconds < 60 * 2)
        {
            return string.Format(c, "{0}s", seconds);
        }

        var minutes = (long)d.TotalMinutes;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? string.Format(c, "{0}m", minutes) : string.Format(c, "{0}m{1}s", minutes, s);
        }

        if (minutes < 60 * 3)
        {
            return string.Format(c, "{0}m", minutes);
        }

        var hours = (long)d.TotalHours;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? string.Format(c, "{0}h", hours) : string.Format(c, "{0}h{1}m", hours, m);
        }

        if (hours < 48)
        {
            return string.Format(c, "{0}h", hours);
        }

        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? string.Format(c, "{0}d", hours / 24) : string.Format(c, "{0}d{1}h", hours / 24, h);
        }

        if (hours < 24 * 365 * 2)
        {
            return string.Format(c, "{0}d", hours / 24);
        }

        if (hours < 24 * 365 * 8)
        {
            var dy = hours / 24 % 365;
            return dy == 0 ? string.Format(c, "{0}y", hours / 24 / 365) : string.Format(c, "{0}y{1}d", hours / 24 / 365, dy);
        }

        return string.Format(c, "{0}y", hours / 24 / 365);
    }
}

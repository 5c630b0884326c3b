namespace Cpaas.Sandbox.Wire;

/// <summary>How the <c>"Date"</c> fields (<c>created_at</c>, <c>updated_at</c>, <c>suspended_at</c>) are written.</summary>
public enum WireDateFormat
{
    /// <summary>ISO 8601 in UTC with milliseconds, e.g. <c>2025-03-01T10:15:30.123Z</c>.</summary>
    IsoMilliseconds,

    /// <summary><c>yyyy-MM-dd HH:mm:ss</c> in UTC: whole seconds, so changes within one second tie.</summary>
    Seconds,
}

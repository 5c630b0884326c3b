namespace Controller.Runtime.Events;

/// <summary>
/// Two events with the same key within the aggregation window are one Event with a higher count
/// (client-go's EventLogger key: source, involved object, type, reason, message). The message is kept as a 128-bit
/// digest: the correlator remembers thousands of keys and a message can be a kilobyte (a list of changed fields).
/// </summary>
public readonly record struct EventAggregationKey(
    string ReportingController,
    string ReportingInstance,
    string? ApiVersion,
    string? Kind,
    string? Namespace,
    string? Name,
    string? Uid,
    string Type,
    string Reason,
    UInt128 MessageDigest,
    string? Action);

/// <summary>The rate-limit bucket of an event: one per source and involved object (client-go's spam key).</summary>
public readonly record struct EventSpamKey(
    string ReportingController,
    string ReportingInstance,
    string? ApiVersion,
    string? Kind,
    string? Namespace,
    string? Name,
    string? Uid);

/// <summary>The digest an <see cref="EventAggregationKey"/> holds instead of its message.</summary>
public static class EventMessageDigest
{
    public static UInt128 Of(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(message), hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }
}

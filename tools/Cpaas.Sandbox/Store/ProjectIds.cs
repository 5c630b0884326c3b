using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Cpaas.Sandbox.Store;

/// <summary>Generates identifiers shaped like EnableX's: 24-hex ids (as in the documented room_id) and random keys.</summary>
internal static class ProjectIds
{
    private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>4 bytes of seconds since the epoch, then 8 random bytes, as 24 lowercase hex digits.</summary>
    public static string NewHexId(DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)now.ToUnixTimeSeconds());
        RandomNumberGenerator.Fill(bytes[4..]);
        return Convert.ToHexStringLower(bytes);
    }

    public static string NewKey(int length = 40) => RandomNumberGenerator.GetString(KeyAlphabet, length);
}

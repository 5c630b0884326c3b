using System.Security.Cryptography;
using System.Text;

namespace Cpaas.Operator.Drift;

/// <summary>
/// A salted hash of an app key, so a listed key can be compared with the connection Secret's without keeping either:
/// HMAC-SHA256 under a random salt made when the process starts (in memory only), truncated to 128 bits. Enough
/// to tell two random keys apart, useless to recover one; fingerprints from another process never match.
/// </summary>
public sealed class KeyFingerprint
{
    private readonly byte[] _salt;

    public KeyFingerprint()
        : this(RandomNumberGenerator.GetBytes(32))
    {
    }

    /// <summary>For tests: a fixed salt.</summary>
    internal KeyFingerprint(byte[] salt) => _salt = salt;

    public string Of(string appKey)
    {
        ArgumentNullException.ThrowIfNull(appKey);
        var hash = HMACSHA256.HashData(_salt, Encoding.UTF8.GetBytes(appKey));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}

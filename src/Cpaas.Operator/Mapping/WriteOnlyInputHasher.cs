using System.Security.Cryptography;
using System.Text;

namespace Cpaas.Operator.Mapping;

/// <summary>
/// Salted hashes of write-only inputs (values the API accepts but never shows, such as passwords), so that a change
/// is visible without keeping the value: HMAC-SHA256 keyed by the salt over the field path and the value, truncated
/// to 128 bits.
/// The field path is part of the input, so equal values in two fields hash differently. Use a salt that is stable
/// for the resource (its metadata.uid, optionally with an operator-wide secret), so hashes survive restarts.
/// Status keeps only the first 6 bytes of each hash, see <see cref="AppliedInputDigests"/>.
/// </summary>
public sealed class WriteOnlyInputHasher
{
    private const string Version = "v1:";
    private readonly byte[] _key;

    public WriteOnlyInputHasher(string salt)
    {
        ArgumentException.ThrowIfNullOrEmpty(salt);
        _key = SHA256.HashData(Encoding.UTF8.GetBytes("cpaas-operator/applied-input\n" + salt));
    }

    /// <summary>The hash of <paramref name="canonicalValue"/> applied to the field <paramref name="field"/>.</summary>
    public string Hash(string field, string canonicalValue)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(canonicalValue);
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(field + "\n" + canonicalValue));
        return Version + Base64Url(mac.AsSpan(0, 16));
    }

    public override string ToString() => nameof(WriteOnlyInputHasher); // never the key

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

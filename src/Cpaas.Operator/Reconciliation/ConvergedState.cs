namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// The inputs a resource converged with: generation, write-only input hashes, rotation token, and the connection
/// Secret's name and version as written or verified. The hashes are kept as one digest (they are already salted
/// hashes, never values): at 10,000 resources a copy of every per-field hash would cost more memory than the rest
/// of the operator.
/// </summary>
public sealed record ConvergedState(
    long? Generation,
    string InputDigest,
    string? RotationToken,
    string SecretName,
    string? SecretVersion)
{
    public static ConvergedState Of(
        long? generation, IReadOnlyDictionary<string, string> inputHashes, string? rotationToken, string secretName, string? secretVersion) =>
        new(generation, DigestOf(inputHashes), rotationToken, secretName, secretVersion);

    /// <summary>True when nothing the spec asks for or the Secret holds has changed since.</summary>
    public bool Matches(long? generation, IReadOnlyDictionary<string, string> inputHashes, string? rotationToken, string secretName, string? secretVersion) =>
        Generation == generation &&
        string.Equals(RotationToken, rotationToken, StringComparison.Ordinal) &&
        string.Equals(SecretName, secretName, StringComparison.Ordinal) &&
        secretVersion is not null && string.Equals(SecretVersion, secretVersion, StringComparison.Ordinal) &&
        string.Equals(InputDigest, DigestOf(inputHashes), StringComparison.Ordinal);

    /// <summary>SHA-256 over the (field, hash) pairs in ordinal order: equal for equal maps, whatever their order.</summary>
    internal static string DigestOf(IReadOnlyDictionary<string, string> inputHashes)
    {
        ArgumentNullException.ThrowIfNull(inputHashes);
        if (inputHashes.Count == 0)
        {
            return string.Empty;
        }

        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var (field, value) in inputHashes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(field));
            hash.AppendData([0]);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(value));
            hash.AppendData([(byte)'\n']);
        }

        return Convert.ToBase64String(hash.GetHashAndReset());
    }
}

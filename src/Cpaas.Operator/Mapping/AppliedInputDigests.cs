using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Mapping;

/// <summary>
/// The last applied write-only inputs, as the planner asks about them: "is the input of field X unchanged?".
/// Stored in status.appliedInputDigests as one string per section: <c>v2:</c> and, for every applied field,
/// the first 6 bytes (8 base64url characters) of its salted hash from <see cref="WriteOnlyInputHasher"/>, sorted.
/// The field path is part of the hashed input, so a section needs no field names: a field is unchanged when the
/// digest of its current input is in its section's set. Reads the previous format (status.appliedInputHashes,
/// path to <c>v1:</c> + 22 characters) by keeping its first 8 characters, the same 6 bytes, so an upgraded operator
/// finds every unchanged input unchanged without recomputing anything and without a CPaaS call.
/// See docs/decisions/0061-compact-applied-input-digests.md.
/// </summary>
public sealed class AppliedInputDigests
{
    /// <summary>Characters of one field's digest: 6 bytes, 48 bits, base64url without padding.</summary>
    public const int DigestLength = 8;

    private const string Format = "v2:";
    private const string LegacyFormat = "v1:";
    private const int LegacyHashLength = 22;
    private static readonly string[] Sections = ["video", "voice", "sms", "embed"];

    private readonly Dictionary<string, HashSet<string>> _sections;

    private AppliedInputDigests(Dictionary<string, HashSet<string>> sections, int count)
    {
        _sections = sections;
        Count = count;
    }

    /// <summary>Nothing applied yet: every write-only input counts as changed.</summary>
    public static AppliedInputDigests None { get; } = new(new Dictionary<string, HashSet<string>>(StringComparer.Ordinal), 0);

    /// <summary>How many applied fields the record holds (over all sections).</summary>
    public int Count { get; }

    /// <summary>
    /// The status form of applied hashes (field path to a <see cref="WriteOnlyInputHasher"/> hash or an 8-character
    /// digest); null when there are none, so status carries nothing for a spec without write-only inputs.
    /// </summary>
    /// <exception cref="ArgumentException">A path is outside the four sections, or a value is not a hash or digest.</exception>
    public static AppliedInputDigestsStatus? Encode(IReadOnlyDictionary<string, string> appliedHashes)
    {
        ArgumentNullException.ThrowIfNull(appliedHashes);
        if (appliedHashes.Count == 0)
        {
            return null;
        }

        var sections = appliedHashes
            .GroupBy(pair => SectionOf(pair.Key), StringComparer.Ordinal)
            .ToDictionary(
                group => group.Key,
                group => Format + string.Concat(group.Select(pair => DigestOf(pair.Value)
                    ?? throw new ArgumentException($"The value for '{pair.Key}' is not an applied-input hash.", nameof(appliedHashes)))
                    .Order(StringComparer.Ordinal)),
                StringComparer.Ordinal);
        var unknown = sections.Keys.Except(Sections, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Applied inputs outside the four sections: {string.Join(", ", unknown)}.", nameof(appliedHashes));
        }

        return new AppliedInputDigestsStatus
        {
            Video = sections.GetValueOrDefault("video"),
            Voice = sections.GetValueOrDefault("voice"),
            Sms = sections.GetValueOrDefault("sms"),
            Embed = sections.GetValueOrDefault("embed"),
        };
    }

    /// <summary>
    /// What status says was applied: the compact form when present, else the previous version's map (migrated on
    /// the next status write). A malformed section reads as empty, so its inputs are applied again: the safe side.
    /// </summary>
    public static AppliedInputDigests Decode(AppliedInputDigestsStatus? digests, IEnumerable<KeyValuePair<string, string>>? legacyHashes = null)
    {
        if (digests is not null)
        {
            var sections = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            var count = 0;
            foreach (var (section, text) in Sections.Zip([digests.Video, digests.Voice, digests.Sms, digests.Embed]))
            {
                var tokens = Tokens(text);
                count += tokens.Count;
                sections[section] = new HashSet<string>(tokens, StringComparer.Ordinal);
            }

            return new AppliedInputDigests(sections, count);
        }

        if (legacyHashes is not null)
        {
            var sections = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            var count = 0;
            foreach (var (path, hash) in legacyHashes)
            {
                if (DigestOf(hash) is { } digest)
                {
                    var section = SectionOf(path);
                    if (!sections.TryGetValue(section, out var set))
                    {
                        set = new HashSet<string>(StringComparer.Ordinal);
                        sections[section] = set;
                    }

                    set.Add(digest);
                    count++;
                }
            }

            return new AppliedInputDigests(sections, count);
        }

        return None;
    }

    /// <summary>
    /// Whether the input whose current hash (or digest) is <paramref name="hash"/> was applied to
    /// <paramref name="fieldPath"/> (spec path, section first). False when it was never applied or changed since.
    /// </summary>
    public bool IsUnchanged(string fieldPath, string hash)
    {
        ArgumentNullException.ThrowIfNull(fieldPath);
        ArgumentNullException.ThrowIfNull(hash);
        return _sections.TryGetValue(SectionOf(fieldPath), out var digests) && DigestOf(hash) is { } digest && digests.Contains(digest);
    }

    /// <summary>The fields of <paramref name="currentHashes"/> whose input is not the one applied (spec paths, sorted).</summary>
    public IReadOnlyList<string> ChangedFields(IReadOnlyDictionary<string, string> currentHashes)
    {
        ArgumentNullException.ThrowIfNull(currentHashes);
        return currentHashes.Where(pair => !IsUnchanged(pair.Key, pair.Value)).Select(pair => pair.Key).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Whether exactly these inputs were applied: none changed, none added, none removed.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> currentHashes)
    {
        ArgumentNullException.ThrowIfNull(currentHashes);
        return currentHashes.Count == Count && currentHashes.All(pair => IsUnchanged(pair.Key, pair.Value));
    }

    public override string ToString() => $"{nameof(AppliedInputDigests)} {{ Count = {Count} }}";

    /// <summary>The 8-character digest of an <see cref="WriteOnlyInputHasher"/> hash (its first 6 bytes), or of a digest itself; null for anything else.</summary>
    internal static string? DigestOf(string hash) => hash switch
    {
        { Length: DigestLength } when IsBase64Url(hash) => hash,
        _ when hash.Length == LegacyFormat.Length + LegacyHashLength && hash.StartsWith(LegacyFormat, StringComparison.Ordinal) && IsBase64Url(hash[LegacyFormat.Length..])
            => hash.Substring(LegacyFormat.Length, DigestLength), // 6 bytes are exactly 8 base64 characters: no re-encoding
        _ => null,
    };

    private static List<string> Tokens(string? text)
    {
        if (text is null || !text.StartsWith(Format, StringComparison.Ordinal) || (text.Length - Format.Length) % DigestLength != 0
            || !IsBase64Url(text[Format.Length..]))
        {
            return [];
        }

        return Enumerable.Range(0, (text.Length - Format.Length) / DigestLength)
            .Select(i => text.Substring(Format.Length + (i * DigestLength), DigestLength))
            .ToList();
    }

    private static string SectionOf(string fieldPath)
    {
        var dot = fieldPath.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? fieldPath : fieldPath[..dot];
    }

    private static bool IsBase64Url(string text) => text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

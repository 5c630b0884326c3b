using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>
/// The last applied write-only inputs in a bounded form: one line per section, each <c>v2:</c> followed by one
/// 8-character salted digest per field (sorted). Replaces the per-field map status.appliedInputHashes, which the
/// operator still reads once to migrate. Written and read only through <c>Mapping/AppliedInputDigests</c>.
/// </summary>
[Description("Salted digests of the last applied write-only inputs, one string per section. Never values.")]
public sealed record AppliedInputDigestsStatus
{
    /// <summary>A section's text: the format tag, then base64url digests of 6 bytes (8 characters) each.</summary>
    public const string SectionPattern = "^v2:([A-Za-z0-9_-]{8})*$";

    [JsonPropertyName("video")]
    [Description("Digests of the applied write-only video inputs (8 characters per field).")]
    [Pattern(SectionPattern)]
    public string? Video { get; init; }

    [JsonPropertyName("voice")]
    [Description("Digests of the applied write-only voice inputs (8 characters per field).")]
    [Pattern(SectionPattern)]
    public string? Voice { get; init; }

    [JsonPropertyName("sms")]
    [Description("Digests of the applied write-only sms inputs (8 characters per field).")]
    [Pattern(SectionPattern)]
    public string? Sms { get; init; }

    [JsonPropertyName("embed")]
    [Description("Digests of the applied write-only embed inputs (8 characters per field).")]
    [Pattern(SectionPattern)]
    public string? Embed { get; init; }
}

namespace Cpaas.Operator.Mapping;

/// <summary>
/// Which PATCH fields GET does not let us compare, so that changes are detected by a salted hash of the last
/// applied input instead: everything GET does not return (embed, video encryption, s3/gdrive/azure delivery,
/// voice phone) and every secret-valued field, even where GET shows it (sip and delivery passwords).
/// </summary>
public static class WriteOnlyFields
{
    private static readonly string[] WriteOnlyPrefixes =
    [
        "embed",
        "video.encryption",
        "video.recording.delivery.s3",
        "video.recording.delivery.gdrive",
        "video.recording.delivery.azure",
        "voice.phone",
    ];

    /// <summary>Whether the field at this PATCH path (section first, for example <c>voice.phone</c>) is write-only.</summary>
    public static bool Contains(string patchPath)
    {
        ArgumentNullException.ThrowIfNull(patchPath);
        return FieldPaths.IsSecret(patchPath)
            || WriteOnlyPrefixes.Any(prefix => patchPath == prefix || patchPath.StartsWith(prefix + ".", StringComparison.Ordinal));
    }
}

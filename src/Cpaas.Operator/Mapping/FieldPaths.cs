namespace Cpaas.Operator.Mapping;

/// <summary>
/// Names of fields in the two namings: PATCH paths (<c>video.recording.delivery.ftp.password</c>, the API's keys)
/// and spec paths (<c>video.recording.delivery.ftp.passwordSecretRef</c>) used in status and events.
/// </summary>
public static class FieldPaths
{
    /// <summary>The PATCH keys whose values are secrets; in the spec they are &lt;camelKey&gt;SecretRef.</summary>
    public static IReadOnlySet<string> SecretKeys { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "password", "encryption_key", "access_key_id", "secret_key", "access_file", "access_key" };

    /// <summary>Spec path of a PATCH path: each snake_case segment camelCased, secret keys suffixed SecretRef.</summary>
    public static string ToSpecPath(string patchPath)
    {
        ArgumentNullException.ThrowIfNull(patchPath);
        var segments = patchPath.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            var camel = ToCamel(segments[i]);
            segments[i] = i == segments.Length - 1 && SecretKeys.Contains(segments[i]) ? camel + "SecretRef" : camel;
        }

        return string.Join('.', segments);
    }

    /// <summary>Whether the last segment of a PATCH path holds a secret value.</summary>
    public static bool IsSecret(string patchPath)
    {
        ArgumentNullException.ThrowIfNull(patchPath);
        return SecretKeys.Contains(patchPath[(patchPath.LastIndexOf('.') + 1)..]);
    }

    private static string ToCamel(string key)
    {
        if (!key.Contains('_', StringComparison.Ordinal))
        {
            return key; // "IN", "deviceSetting", "floorControl" stay as the API reference writes them (docs/cpaas-api.md)
        }

        var parts = key.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}

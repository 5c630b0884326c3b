using System.Text.RegularExpressions;

namespace Cpaas.Client.Errors;

/// <summary>
/// Masks what must never leave the client in a message: the account key (should a server echo it) and anything
/// shaped like a Basic or Bearer credential. Also caps the length, since error bodies can be whole HTML pages.
/// </summary>
internal static partial class SecretRedactor
{
    internal const string Mask = "***";
    private const int MaxLength = 500;

    public static string? Redact(string? text, CpaasAccount? account)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var redacted = text;
        if (account is not null && account.ApiKey.Length > 0)
        {
            redacted = redacted.Replace(account.ApiKey, Mask, StringComparison.Ordinal);
        }

        redacted = AuthorizationValue().Replace(redacted, "$1 " + Mask);
        redacted = KeyValueSecret().Replace(redacted, "$1$2" + Mask);
        return redacted.Length <= MaxLength ? redacted : string.Concat(redacted.AsSpan(0, MaxLength), "...");
    }

    [GeneratedRegex(@"\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationValue();

    // "app_key": "abc", api_key=abc, password: abc ... as a server might echo them.
    [GeneratedRegex(@"(""?(?:app_key|api_key|password|secret_key|access_key|encryption_key)""?)(\s*[:=]\s*""?)[^"",\s}&]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyValueSecret();
}

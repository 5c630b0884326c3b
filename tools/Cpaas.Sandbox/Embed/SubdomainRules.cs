namespace Cpaas.Sandbox.Embed;

/// <summary>
/// The sandbox's rule for an embed subdomain (the API documentation gives the error, 1110, not the rule): one DNS label of
/// 3 to 63 characters, lowercase letters, digits and hyphens, starting and ending with a letter or digit.
/// Upper case is rejected rather than folded, so a caller that relies on folding notices.
/// </summary>
internal static class SubdomainRules
{
    public const int MinLength = 3;
    public const int MaxLength = 63;

    /// <summary>Null when valid, else why not.</summary>
    public static string? Problem(string subdomain)
    {
        if (subdomain.Length is < MinLength or > MaxLength)
        {
            return $"subdomain must be {MinLength} to {MaxLength} characters long";
        }

        if (!subdomain.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            return "subdomain may contain only lowercase letters, digits and hyphens";
        }

        return subdomain[0] == '-' || subdomain[^1] == '-' ? "subdomain must start and end with a letter or a digit" : null;
    }
}

using System.Net.Http.Headers;
using System.Text;

namespace Cpaas.Sandbox.Accounts;

/// <summary>The api_id and api_key of an HTTP Basic Authorization header.</summary>
internal readonly record struct BasicCredentials(string ApiId, string ApiKey)
{
    public static BasicCredentials? Parse(string? header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(value.Parameter))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? null : new BasicCredentials(decoded[..colon], decoded[(colon + 1)..]);
    }

    public override string ToString() => $"BasicCredentials {{ ApiId = {ApiId}, ApiKey = *** }}";
}

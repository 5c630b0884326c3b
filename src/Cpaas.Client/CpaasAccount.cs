using System.Text;

namespace Cpaas.Client;

/// <summary>
/// An EnableX account: the Basic-auth identity (<c>api_id</c> / <c>api_key</c>) and the API root it talks to
/// (for example <c>https://api.enablex.io/cpaas</c>; routes are <c>/projects...</c> below it). A value passed on
/// every call, so one process can use many accounts and swap credentials at run time. Never prints the key.
/// </summary>
public sealed record CpaasAccount
{
    public CpaasAccount(string apiId, string apiKey, Uri baseUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiId);
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The CPaaS base URL must be an absolute http(s) URL.", nameof(baseUrl));
        }

        if (apiId.Contains(':', StringComparison.Ordinal))
        {
            // Basic auth joins id and key with ':'; an id containing one cannot be sent unambiguously.
            throw new ArgumentException("The API id must not contain ':'.", nameof(apiId));
        }

        ApiId = apiId;
        ApiKey = apiKey;
        BaseUrl = WithTrailingSlash(baseUrl);
    }

    public CpaasAccount(string apiId, string apiKey, string baseUrl)
        : this(apiId, apiKey, new Uri(baseUrl ?? throw new ArgumentNullException(nameof(baseUrl)), UriKind.Absolute))
    {
    }

    /// <summary>The Basic-auth user name (<c>api_id</c>).</summary>
    public string ApiId { get; }

    /// <summary>The Basic-auth password (<c>api_key</c>). A secret: never logged or printed.</summary>
    public string ApiKey { get; }

    /// <summary>The API root, always ending in '/'.</summary>
    public Uri BaseUrl { get; }

    /// <summary>What identifies the account for per-account state (rate limit): base URL and API id, not the key.</summary>
    internal (string BaseUrl, string ApiId) Identity => (BaseUrl.AbsoluteUri, ApiId);

#pragma warning disable IDE0051 // Called by the record's synthesized ToString.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ApiId = ").Append(ApiId)
            .Append(", ApiKey = ***")
            .Append(", BaseUrl = ").Append(BaseUrl);
        return true;
    }
#pragma warning restore IDE0051

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri.TrimEnd('/') + "/", UriKind.Absolute);
}

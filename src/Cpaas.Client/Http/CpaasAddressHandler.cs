using Cpaas.Client.Api;

namespace Cpaas.Client.Http;

/// <summary>
/// Points each request at its account's API root. The Refit client has a placeholder base address; the path
/// and query it built (<c>/projects/...</c>) are resolved against <see cref="CpaasAccount.BaseUrl"/> here, so
/// accounts with different base URLs share one client.
/// </summary>
internal sealed class CpaasAddressHandler : DelegatingHandler
{
    /// <summary>The base address the Refit client is built with; never contacted.</summary>
    internal static readonly Uri PlaceholderBaseAddress = new("http://cpaas.placeholder.invalid/", UriKind.Absolute);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = CpaasRequestContext.From(request);
        var requestUri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        if (requestUri.IsAbsoluteUri && requestUri.Host == PlaceholderBaseAddress.Host)
        {
            request.RequestUri = Resolve(context.Account.BaseUrl, requestUri);
        }

        return base.SendAsync(request, cancellationToken);
    }

    /// <summary><c>https://host/cpaas/</c> + <c>/projects/x?page=2</c> = <c>https://host/cpaas/projects/x?page=2</c>.</summary>
    internal static Uri Resolve(Uri baseUrl, Uri placeholderUri)
    {
        var relative = placeholderUri.PathAndQuery.TrimStart('/');
        return new Uri(baseUrl, relative);
    }
}

using System.Net.Http.Headers;
using System.Text;
using Cpaas.Client.Api;

namespace Cpaas.Client.Http;

/// <summary>Basic auth from the account the request carries, set per request (never on the shared client).</summary>
internal sealed class CpaasAuthenticationHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var account = CpaasRequestContext.From(request).Account;
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.ApiId}:{account.ApiKey}")));
        return base.SendAsync(request, cancellationToken);
    }
}

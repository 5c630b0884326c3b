using Microsoft.Extensions.Options;

namespace Cpaas.Client.Http;

/// <summary>Identifies the process to the server (<see cref="CpaasClientOptions.UserAgent"/>).</summary>
internal sealed class UserAgentHandler(IOptionsMonitor<CpaasClientOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.UserAgent.Clear();
        request.Headers.TryAddWithoutValidation("User-Agent", options.CurrentValue.UserAgent);
        return base.SendAsync(request, cancellationToken);
    }
}

using Cpaas.Client.Api;
using Cpaas.Client.Errors;

namespace Cpaas.Client.Http;

/// <summary>
/// Takes a token from the account's bucket, at the call's priority, before every attempt (retries included),
/// waiting for one rather than failing. Sits inside the retry and total timeout, outside the per-attempt timeout,
/// so time spent waiting for a token never counts as a slow server.
/// </summary>
internal sealed class CpaasRateLimitHandler(CpaasRateLimiterRegistry limiters) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = CpaasRequestContext.From(request);
        if (!await limiters.AcquireAsync(context.Account, context.Priority, cancellationToken))
        {
            throw new CpaasApiException(
                CpaasErrorKind.Transient,
                context.Operation,
                $"CPaaS {context.Operation.ToWireName()} not sent: account {context.Account.ApiId}'s rate-limit queue is full (or the client is shutting down).");
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

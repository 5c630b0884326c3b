using Cpaas.Client.Tests.Support;
using Cpaas.Sandbox.Api;
using Cpaas.Sandbox.Faults;

namespace Cpaas.Client.Tests.Contract;

[Collection(TimingSensitive.Name)]
public sealed class ServerRateLimitContractTests
{
    [Fact]
    public async Task Client_rate_limit_keeps_concurrent_callers_under_the_servers_per_account_limit()
    {
        // The server allows 10/s with a burst of 4 per account; the client is set to half of it, leaving room for
        // requests that the scheduler delays and then delivers together.
        await using var h = await SandboxHarness.StartAsync(o =>
        {
            o.RequestsPerSecondPerAccount = 5;
            o.BurstPerAccount = 2;
            o.MaxRetryAttempts = 0;
        });
        h.Sandbox.Faults.SetAccountRateLimit(h.Customer.ApiId, new SandboxRateLimit(10, 4));

        var calls = Enumerable.Range(0, 12)
            .Select(_ => Task.Run(() => h.Client.ListProjectsAsync(h.Customer, null, CancellationToken.None)))
            .ToList();
        var outcome = await Record.ExceptionAsync(() => Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30)));
        var start0 = h.Sandbox.Journal.Entries()[0].Time;
        Assert.True(outcome is null, string.Join(" ", h.Sandbox.Journal.Entries().Select(e => $"{(e.Time - start0).TotalMilliseconds:F0}:{e.Status}")));

        Assert.Equal(12, h.Sandbox.Journal.CountOf(SandboxOperation.ListProjects));
        Assert.False(h.Sandbox.Journal.CountsByStatus().ContainsKey(429), "the server rate-limited the client");
        Assert.InRange(h.Sandbox.Journal.PeakRequestsWithin(h.Customer.ApiId, TimeSpan.FromSeconds(1)), 1, 2 + 5 + 1);
    }
}

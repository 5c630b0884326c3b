using Cpaas.Sandbox.Api;
using Cpaas.Sandbox.Tests.Support;

namespace Cpaas.Sandbox.Tests;

public sealed class ConcurrencyTests : SandboxTest
{
    [Fact]
    public async Task Concurrent_adds_and_subdomain_claims_stay_consistent()
    {
        var adds = Enumerable.Range(0, 16).Select(i => AddProjectAsync($"Parallel {i}")).ToList();
        var ids = await Task.WhenAll(adds);

        Assert.Equal(16, ids.Distinct().Count());
        Assert.Equal(16, Sandbox.Store.Count);
        Assert.Equal(16, Sandbox.Journal.CountOf(SandboxOperation.AddProject));

        var claims = await Task.WhenAll(ids.Select(id => Client.PatchAsync($"projects/{id}/video-embed", Admin, """{"subdomain": "contested"}""", Deadline)));

        Assert.Single(claims, c => c.Result == "1");
        Assert.Equal(15, claims.Count(c => c.Result == "1111"));
        Assert.Single(Sandbox.Store.All(), p => p.Subdomain == "contested");
    }
}

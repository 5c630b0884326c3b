using System.Net;
using Cpaas.Client.Tests.Support;

namespace Cpaas.Client.Tests.Client;

public sealed class PagingTests
{
    private static string Page(params string[] ids) =>
        """{"result":1,"projects":[""" + string.Join(',', ids.Select(id => $$"""{"app_id":"{{id}}"}""")) + "]}";

    [Fact]
    public async Task All_pages_are_read_until_a_short_page()
    {
        await using var harness = new ClientHarness();
        harness.Handler
            .Respond(HttpStatusCode.OK, Page("a", "b"))
            .Respond(HttpStatusCode.OK, Page("c", "d"))
            .Respond(HttpStatusCode.OK, Page("e"));

        var ids = await harness.Client
            .ListAllProjectsAsync(ClientHarness.Account, new ProjectListQuery { PageLength = 2, SearchBy = "app_name", SearchString = "x" }, CancellationToken.None)
            .Select(p => p.AppId)
            .ToListAsync();

        Assert.Equal(["a", "b", "c", "d", "e"], ids);
        Assert.Equal(
            ["page=1", "page=2", "page=3"],
            harness.Handler.Requests.Select(r => r.Uri.Query.TrimStart('?').Split('&')[0]));
    }

    [Fact]
    public async Task Paging_stops_at_an_empty_page_and_at_a_repeated_page()
    {
        await using var harness = new ClientHarness();
        harness.Handler
            .Respond(HttpStatusCode.OK, Page("a", "b"))
            .Respond(HttpStatusCode.OK, Page("a", "b"));

        var ids = await harness.Client.ListAllProjectsAsync(ClientHarness.Account, null, CancellationToken.None).Select(p => p.AppId).ToListAsync();

        Assert.Equal(["a", "b"], ids);
        Assert.Equal(2, harness.Handler.Requests.Count);
    }
}

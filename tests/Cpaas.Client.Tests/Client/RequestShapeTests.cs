using System.Net;
using System.Text;
using Cpaas.Client.Models;
using Cpaas.Client.Tests.Support;

namespace Cpaas.Client.Tests.Client;

public sealed class RequestShapeTests
{
    private static string Basic(CpaasAccount account) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.ApiId}:{account.ApiKey}"));

    [Fact]
    public async Task Each_call_goes_to_its_accounts_base_url_with_its_accounts_basic_auth()
    {
        await using var harness = new ClientHarness();

        await Task.WhenAll(
            harness.Client.GetProjectAsync(ClientHarness.Account, "a1", CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default),
            harness.Client.GetProjectAsync(ClientHarness.OtherAccount, "b2", CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default));

        var first = harness.Handler.Requests.Single(r => r.Uri.AbsolutePath.EndsWith("/a1", StringComparison.Ordinal));
        var second = harness.Handler.Requests.Single(r => r.Uri.AbsolutePath.EndsWith("/b2", StringComparison.Ordinal));
        Assert.Equal("https://api.example.test/cpaas/projects/a1", first.Uri.AbsoluteUri);
        Assert.Equal(Basic(ClientHarness.Account), first.Authorization);
        Assert.Equal("https://other.example.test/v2/cpaas/projects/b2", second.Uri.AbsoluteUri);
        Assert.Equal(Basic(ClientHarness.OtherAccount), second.Authorization);
    }

    [Fact]
    public async Task Replaced_credentials_take_effect_on_the_next_call()
    {
        await using var harness = new ClientHarness();
        var before = new CpaasAccount("id", "old-key", "https://h.test/cpaas");
        var after = new CpaasAccount("id", "new-key", "https://h.test/cpaas");

        await harness.Client.EditProjectAsync(before, "a", new ProjectUpdateRequest(), CancellationToken.None);
        await harness.Client.EditProjectAsync(after, "a", new ProjectUpdateRequest(), CancellationToken.None);

        Assert.Equal([Basic(before), Basic(after)], harness.Handler.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task List_sends_only_the_query_parameters_that_are_set()
    {
        await using var harness = new ClientHarness();
        harness.Handler.Respond(HttpStatusCode.OK, """{"result":1,"search":{"page":"2","page_length":"10"},"projects":[{"app_id":"a"}]}""");

        var page = await harness.Client.ListProjectsAsync(
            ClientHarness.Account,
            new ProjectListQuery { Page = 2, PageLength = 10, SearchBy = "app_name", SearchString = "support desk", OrderQualify = "desc" },
            CancellationToken.None);

        Assert.Equal("?page=2&page_length=10&search_by=app_name&search_string=support%20desk&order_qualify=desc", harness.Handler.Requests[0].Uri.Query);
        Assert.Equal(2, page.Search!.Page);
        Assert.Equal(10, page.Search.PageLength);
        Assert.Equal("a", Assert.Single(page.Projects).AppId);
    }

    [Fact]
    public async Task Patch_body_is_json_with_only_the_set_keys()
    {
        await using var harness = new ClientHarness();

        await harness.Client.PatchVoiceAsync(
            ClientHarness.Account,
            "a1",
            new VoiceSettingsPatch { Out = false, Inbound = new VoiceInbound { Language = "en-US" } },
            CancellationToken.None);

        var request = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Patch, request.Method);
        Assert.Equal("/cpaas/projects/a1/voice", request.Uri.AbsolutePath);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("""{"out":false,"inbound":{"language":"en-US"}}""", request.Body);
    }

    [Fact]
    public async Task Every_operation_uses_the_documented_method_and_route()
    {
        await using var harness = new ClientHarness();
        harness.Handler.Fallback = _ => ScriptedHttpHandler.Json(HttpStatusCode.OK, """{"result":1,"project":{"app_id":"a1","app_key":"k"},"projects":[]}""");
        var client = harness.Client;
        var account = ClientHarness.Account;

        await client.ListProjectsAsync(account, null, CancellationToken.None);
        await client.GetProjectAsync(account, "a1", CancellationToken.None);
        await client.AddProjectAsync(account, new ProjectCreateRequest { AppName = "n" }, CancellationToken.None);
        await client.EditProjectAsync(account, "a1", new ProjectUpdateRequest { AppName = "m" }, CancellationToken.None);
        await client.ResetKeyAsync(account, "a1", CancellationToken.None);
        await client.PatchVideoAsync(account, "a1", new VideoSettingsPatch(), CancellationToken.None);
        await client.PatchVoiceAsync(account, "a1", new VoiceSettingsPatch(), CancellationToken.None);
        await client.PatchSmsAsync(account, "a1", new SmsSettings(), CancellationToken.None);
        await client.PatchVideoEmbedAsync(account, "a1", new VideoEmbedPatch(), CancellationToken.None);

        Assert.Equal(
            [
                "GET /cpaas/projects", "GET /cpaas/projects/a1", "POST /cpaas/projects", "POST /cpaas/projects/a1",
                "POST /cpaas/projects/a1/reset_key", "PATCH /cpaas/projects/a1/video", "PATCH /cpaas/projects/a1/voice",
                "PATCH /cpaas/projects/a1/sms", "PATCH /cpaas/projects/a1/video-embed",
            ],
            harness.Handler.Requests.Select(r => $"{r.Method} {r.Uri.AbsolutePath}"));
        Assert.Equal("""{"app_name":"n"}""", harness.Handler.Requests[2].Body);
    }

    [Fact]
    public async Task App_id_is_escaped_in_the_path()
    {
        await using var harness = new ClientHarness();
        harness.Handler.Fallback = _ => ScriptedHttpHandler.Json(HttpStatusCode.OK, """{"result":1,"project":{"app_id":"x"}}""");

        await harness.Client.GetProjectAsync(ClientHarness.Account, "a/b?c", CancellationToken.None);

        Assert.Equal("/cpaas/projects/a%2Fb%3Fc", harness.Handler.Requests[0].Uri.AbsolutePath);
    }

    [Fact]
    public async Task User_agent_identifies_the_process()
    {
        await using var harness = new ClientHarness(o => o.UserAgent = "cpaas-operator/0.1 (node-7; pid 42)");

        await harness.Client.ListProjectsAsync(ClientHarness.Account, null, CancellationToken.None);

        Assert.Equal("cpaas-operator/0.1 (node-7; pid 42)", harness.Handler.Requests[0].UserAgent);
    }

    [Fact]
    public void Default_user_agent_names_product_host_and_pid()
    {
        var agent = new CpaasClientOptions().UserAgent;

        Assert.StartsWith("Cpaas.Client/", agent, StringComparison.Ordinal);
        Assert.Contains(Environment.MachineName, agent, StringComparison.Ordinal);
        Assert.Contains($"pid {Environment.ProcessId}", agent, StringComparison.Ordinal);
    }
}

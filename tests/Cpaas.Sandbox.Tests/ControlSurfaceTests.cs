using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Cpaas.Sandbox.Accounts;
using Cpaas.Sandbox.Tests.Support;

namespace Cpaas.Sandbox.Tests;

public sealed class ControlSurfaceTests : SandboxTest
{
    private async Task<(HttpStatusCode Status, JsonNode Body)> ControlAsync(HttpMethod method, string path, string? json = null)
    {
        using var http = new HttpClient { BaseAddress = Sandbox.ServerUrl };
        using var request = new HttpRequestMessage(method, $"_sandbox/{path}");
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, Deadline);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(Deadline))!);
    }

    [Fact]
    public async Task Index_lists_the_control_routes_and_the_base_url()
    {
        var (status, body) = await ControlAsync(HttpMethod.Get, string.Empty);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Sandbox.BaseUrl.ToString(), body["base_url"]!.GetValue<string>());
        Assert.NotEmpty(body["routes"]!.AsArray());
    }

    [Fact]
    public async Task Accounts_added_over_HTTP_authenticate_and_the_listing_never_shows_keys()
    {
        var (status, _) = await ControlAsync(HttpMethod.Post, "accounts", """{"api_id": "bench", "api_key": "bench-key", "is_admin": true}""");
        Assert.Equal(HttpStatusCode.Created, status);

        (await Client.GetAsync("projects", new SandboxAccount("bench", "bench-key", true, "bench"), Deadline)).AssertSuccess();
        var (_, accounts) = await ControlAsync(HttpMethod.Get, "accounts");
        Assert.Contains(accounts.AsArray(), a => a!["api_id"]!.GetValue<string>() == "bench");
        Assert.DoesNotContain("bench-key", accounts.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Admin.ApiKey, accounts.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Customers_and_categories_can_be_seeded_over_HTTP()
    {
        await ControlAsync(HttpMethod.Post, "customers", """{"customer_id": "cust-new", "name": "New Co"}""");
        await ControlAsync(HttpMethod.Post, "categories", """{"id": "retail", "name": "Retail"}""");

        var appId = await AddProjectAsync("Shop", categoryId: "retail", customerId: "cust-new");

        var project = await GetProjectAsync(appId);
        Assert.Equal("New Co", project["customer_name"]!.GetValue<string>());
        Assert.Equal("Retail", project["category_name"]!.GetValue<string>());
        var (_, categories) = await ControlAsync(HttpMethod.Get, "categories");
        Assert.Contains(categories.AsArray(), c => c!["id"]!.GetValue<string>() == "retail");
    }

    [Fact]
    public async Task Faults_set_over_HTTP_apply_and_are_shown_and_cleared()
    {
        var (status, view) = await ControlAsync(HttpMethod.Put, "faults", """
            {"fail_next": {"count": 1, "status": 500}, "rate_limit_burst": {"count": 1, "retry_after_seconds": 2},
             "rate_limit": {"requests_per_second": 100, "burst": 50}, "error_rate": 0}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, view["fail_next"]!.GetValue<int>());
        Assert.Equal(50, view["rate_limit"]!["burst"]!.GetValue<int>());
        var limited = await Client.GetAsync("projects", Admin, Deadline);
        limited.AssertError(429, HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(2), limited.Headers.RetryAfter!.Delta);
        (await Client.GetAsync("projects", Admin, Deadline)).AssertError(500, HttpStatusCode.InternalServerError);
        (await Client.GetAsync("projects", Admin, Deadline)).AssertSuccess();

        await ControlAsync(HttpMethod.Delete, "faults");
        var (_, cleared) = await ControlAsync(HttpMethod.Get, "faults");
        Assert.Null(cleared["rate_limit"]);
    }

    [Fact]
    public async Task Invalid_fault_settings_are_400_and_change_nothing_after_the_bad_key()
    {
        var (status, body) = await ControlAsync(HttpMethod.Put, "faults", """{"error_rate": 2}""");
        var (unknownStatus, _) = await ControlAsync(HttpMethod.Put, "faults", """{"teleport": true}""");
        var (badJson, _) = await ControlAsync(HttpMethod.Put, "faults", """{"error_rate": """);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("error_rate", body["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknownStatus);
        Assert.Equal(HttpStatusCode.BadRequest, badJson);
        Assert.Equal(0, Sandbox.Faults.ErrorRate);
    }

    [Fact]
    public async Task Journal_and_counters_are_served_as_JSON_with_masked_bodies()
    {
        var appId = await AddProjectAsync("Served");
        (await Client.PatchAsync($"projects/{appId}/voice", Admin, """{"sip": {"password": "voice-secret"}}""", Deadline)).AssertSuccess();

        var (_, journal) = await ControlAsync(HttpMethod.Get, "journal");
        var entries = journal["entries"]!.AsArray();
        Assert.Equal(2, entries.Count);
        Assert.Equal("add_project", entries[0]!["operation"]!.GetValue<string>());
        Assert.Equal("patch_voice", entries[1]!["operation"]!.GetValue<string>());
        Assert.Equal(Admin.ApiId, entries[1]!["api_id"]!.GetValue<string>());
        Assert.DoesNotContain("voice-secret", journal.ToJsonString(), StringComparison.Ordinal);
        var last = journal["last_sequence"]!.GetValue<long>();

        var (_, since) = await ControlAsync(HttpMethod.Get, $"journal?since={last - 1}");
        Assert.Single(since["entries"]!.AsArray());

        var (_, counters) = await ControlAsync(HttpMethod.Get, "counters");
        Assert.Equal(1, counters["by_operation"]!["add_project"]!.GetValue<int>());
        Assert.Equal(2, counters["by_status"]!["200"]!.GetValue<int>());
        Assert.Equal(2, counters["total"]!.GetValue<int>());

        await ControlAsync(HttpMethod.Delete, "journal");
        Assert.Empty(Sandbox.Journal.Entries());
    }

    [Fact]
    public async Task Projects_view_counts_projects_by_name_without_keys()
    {
        await AddProjectAsync("Twin");
        await AddProjectAsync("Twin");
        await AddProjectAsync("Other");

        var (_, twins) = await ControlAsync(HttpMethod.Get, "projects?app_name=Twin");

        Assert.Equal(2, twins["count"]!.GetValue<int>());
        foreach (var project in Sandbox.Store.All())
        {
            Assert.DoesNotContain(project.AppKey, twins.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Wire_settings_change_over_HTTP()
    {
        var (_, view) = await ControlAsync(HttpMethod.Put, "wire", """{"result_encoding": "string", "business_errors_with_http_200": true}""");

        Assert.Equal("string", view["result_encoding"]!.GetValue<string>());
        var error = await Client.GetAsync("projects/000000000000000000000000", Admin, Deadline);
        Assert.Equal(HttpStatusCode.OK, error.Status);
        Assert.Equal("1007", error.Json["result"]!.GetValue<string>());
    }

    [Fact]
    public async Task Holds_over_HTTP_keep_the_response_until_released()
    {
        var (_, hold) = await ControlAsync(HttpMethod.Post, "holds", """{"operations": ["add_project"]}""");
        var id = hold["id"]!.GetValue<string>();
        var call = Client.PostAsync("projects", Admin, """{"app_name": "Held", "category_id": "education", "services_incl": {"video": true}}""", Deadline);
        await Assert.Single(Sandbox.Faults.ActiveHolds()).WaitUntilHeldAsync(1, Deadline);
        Assert.False(call.IsCompleted);

        var (status, released) = await ControlAsync(HttpMethod.Delete, $"holds/{id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(released["released"]!.GetValue<bool>());
        (await call).AssertSuccess();
        Assert.Equal(1, Sandbox.Store.Count);
        Assert.Equal(HttpStatusCode.NotFound, (await ControlAsync(HttpMethod.Delete, $"holds/{id}")).Status);
    }

    [Fact]
    public async Task Reset_over_HTTP_restores_the_initial_state_and_keeps_the_seeded_keys()
    {
        await AddProjectAsync("Gone soon");
        Sandbox.AddAccount("extra", "extra-key", isAdmin: false);
        Sandbox.Faults.FailNext(3);

        var (status, _) = await ControlAsync(HttpMethod.Post, "reset");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, Sandbox.Store.Count);
        Assert.DoesNotContain(Sandbox.Accounts, a => a.ApiId == "extra");
        (await Client.GetAsync("projects", Admin, Deadline)).AssertSuccess();
        Assert.Single(Sandbox.Journal.Entries());
    }

    [Fact]
    public async Task Unknown_control_route_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await ControlAsync(HttpMethod.Get, "nothing")).Status);
    }
}

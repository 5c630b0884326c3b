using System.Net;
using System.Text.Json.Nodes;
using Cpaas.Sandbox.Tests.Support;

namespace Cpaas.Sandbox.Tests;

public sealed class ListProjectsTests : SandboxTest
{
    private async Task<List<string>> AddManyAsync(int count, string prefix = "Project")
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await AddProjectAsync($"{prefix} {i:D2}"));
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        return ids;
    }

    private static List<string> AppIds(WireResponse response) =>
        response.Json["projects"]!.AsArray().Select(p => p!["app_id"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task Paging_walks_every_project_once_in_creation_order()
    {
        var ids = await AddManyAsync(7);

        var seen = new List<string>();
        for (var page = 1; page <= 4; page++)
        {
            var response = await Client.GetAsync($"projects?page={page}&page_length=3", Admin, Deadline);
            response.AssertSuccess();
            var pageIds = AppIds(response);
            Assert.Equal(page switch { 1 or 2 => 3, 3 => 1, _ => 0 }, pageIds.Count);
            seen.AddRange(pageIds);
        }

        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task Default_page_length_is_20_and_echoed()
    {
        await AddManyAsync(23);

        var response = await Client.GetAsync("projects", Admin, Deadline);

        Assert.Equal(20, AppIds(response).Count);
        var search = response.Json["search"]!;
        Assert.Equal(["page", "page_length", "customer_id", "search_by", "search_string", "order_by", "order_qualify"], Keys(search));
        Assert.Equal(1, search["page"]!.GetValue<int>());
        Assert.Equal(20, search["page_length"]!.GetValue<int>());
        Assert.Equal("created_at", search["order_by"]!.GetValue<string>());
        Assert.Equal("asc", search["order_qualify"]!.GetValue<string>());
        Assert.Equal(string.Empty, search["search_by"]!.GetValue<string>());
        Assert.Equal(3, AppIds(await Client.GetAsync("projects?page=2", Admin, Deadline)).Count);
    }

    [Fact]
    public async Task Listing_items_have_the_listing_shape_without_service_settings()
    {
        await AddProjectAsync("One");

        var response = await Client.GetAsync("projects", Admin, Deadline);

        Assert.Equal(["result", "search", "projects"], Keys(response.Json));
        var item = response.Json["projects"]![0]!;
        Assert.Equal(
            ["customer_id", "customer_name", "app_id", "app_key", "app_name", "category_id", "category_name", "short_desc",
             "description", "services_incl", "status", "status_ex", "created_at", "updated_at", "suspended_at"],
            Keys(item));
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=-1")]
    [InlineData("page=abc")]
    [InlineData("page=")]
    [InlineData("page=1.5")]
    public async Task Invalid_page_is_1101(string query)
    {
        (await Client.GetAsync($"projects?{query}", Admin, Deadline)).AssertError(1101, HttpStatusCode.NotAcceptable);
    }

    [Theory]
    [InlineData("page_length=0")]
    [InlineData("page_length=x")]
    [InlineData("page_length=101")]
    [InlineData("page_num=0")]
    public async Task Invalid_page_length_is_1102(string query)
    {
        (await Client.GetAsync($"projects?{query}", Admin, Deadline)).AssertError(1102, HttpStatusCode.NotAcceptable);
    }

    [Fact]
    public async Task Page_num_is_accepted_as_the_page_length()
    {
        await AddManyAsync(5);

        var response = await Client.GetAsync("projects?page_num=2", Admin, Deadline);

        Assert.Equal(2, AppIds(response).Count);
        Assert.Equal(2, response.Json["search"]!["page_length"]!.GetValue<int>());
    }

    [Fact]
    public async Task Invalid_search_by_is_1103_order_by_1104_order_qualify_1105()
    {
        (await Client.GetAsync("projects?search_by=colour&search_string=x", Admin, Deadline)).AssertError(1103, HttpStatusCode.NotAcceptable);
        (await Client.GetAsync("projects?order_by=colour", Admin, Deadline)).AssertError(1104, HttpStatusCode.NotAcceptable);
        (await Client.GetAsync("projects?order_qualify=up", Admin, Deadline)).AssertError(1105, HttpStatusCode.NotAcceptable);
        (await Client.GetAsync("projects?order_qualify=DESC", Admin, Deadline)).AssertError(1105, HttpStatusCode.NotAcceptable);
    }

    [Fact]
    public async Task Search_by_app_name_matches_a_case_insensitive_substring_and_is_echoed()
    {
        var desk = await AddProjectAsync("Support Desk");
        var deskTwo = await AddProjectAsync("support desk two");
        await AddProjectAsync("Billing");

        var response = await Client.GetAsync("projects?search_by=app_name&search_string=DESK", Admin, Deadline);

        Assert.Equal([desk, deskTwo], AppIds(response));
        Assert.Equal("app_name", response.Json["search"]!["search_by"]!.GetValue<string>());
        Assert.Equal("DESK", response.Json["search"]!["search_string"]!.GetValue<string>());
    }

    [Fact]
    public async Task Search_by_app_id_category_and_status_match_exactly()
    {
        var first = await AddProjectAsync("First", categoryId: "healthcare");
        var second = await AddProjectAsync("Second");
        (await Client.PostAsync($"projects/{second}", Admin, """{"status": "suspended"}""", Deadline)).AssertSuccess();

        Assert.Equal([second], AppIds(await Client.GetAsync($"projects?search_by=app_id&search_string={second}", Admin, Deadline)));
        Assert.Empty(AppIds(await Client.GetAsync($"projects?search_by=app_id&search_string={second[..10]}", Admin, Deadline)));
        Assert.Equal([first], AppIds(await Client.GetAsync("projects?search_by=category_id&search_string=healthcare", Admin, Deadline)));
        Assert.Equal([second], AppIds(await Client.GetAsync("projects?search_by=status&search_string=suspended", Admin, Deadline)));
    }

    [Fact]
    public async Task Order_by_app_name_desc_and_created_at_desc()
    {
        var b = await AddProjectAsync("beta");
        Time.Advance(TimeSpan.FromSeconds(1));
        var a = await AddProjectAsync("Alpha");
        Time.Advance(TimeSpan.FromSeconds(1));
        var c = await AddProjectAsync("gamma");

        Assert.Equal([c, b, a], AppIds(await Client.GetAsync("projects?order_by=app_name&order_qualify=desc", Admin, Deadline)));
        Assert.Equal([a, b, c], AppIds(await Client.GetAsync("projects?order_by=app_name", Admin, Deadline)));
        Assert.Equal([c, a, b], AppIds(await Client.GetAsync("projects?order_by=created_at&order_qualify=desc", Admin, Deadline)));
    }

    [Fact]
    public async Task Admin_lists_every_customers_projects_and_customer_only_its_own()
    {
        var adminOwned = await AddProjectAsync("A", Admin);
        var customerOwned = await AddProjectAsync("C", Customer);
        var other = Sandbox.AddAccount("other", "other-key", isAdmin: false, customerId: "cust-other");
        var otherOwned = await AddProjectAsync("O", other);

        Assert.Equal([adminOwned, customerOwned, otherOwned], AppIds(await Client.GetAsync("projects", Admin, Deadline)));
        var customerList = await Client.GetAsync("projects", Customer, Deadline);
        Assert.Equal([customerOwned], AppIds(customerList));
        Assert.Equal(Customer.CustomerId, customerList.Json["search"]!["customer_id"]!.GetValue<string>());
        Assert.Equal([otherOwned], AppIds(await Client.GetAsync("projects", other, Deadline)));
    }

    [Fact]
    public async Task Admin_filters_by_customer_id_and_a_customer_cannot_widen_its_view()
    {
        await AddProjectAsync("A", Admin);
        var customerOwned = await AddProjectAsync("C", Customer);

        Assert.Equal([customerOwned], AppIds(await Client.GetAsync($"projects?customer_id={Customer.CustomerId}", Admin, Deadline)));
        Assert.Equal([customerOwned], AppIds(await Client.GetAsync($"projects?customer_id={Admin.CustomerId}", Customer, Deadline)));
    }

    [Fact]
    public async Task Page_past_the_end_is_an_empty_success()
    {
        await AddProjectAsync("Only");

        var response = await Client.GetAsync("projects?page=99", Admin, Deadline);

        response.AssertSuccess();
        Assert.IsType<JsonArray>(response.Json["projects"]);
        Assert.Empty(AppIds(response));
    }
}

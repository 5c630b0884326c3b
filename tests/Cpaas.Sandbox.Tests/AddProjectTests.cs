using System.Net;
using Cpaas.Sandbox.Tests.Support;

namespace Cpaas.Sandbox.Tests;

public sealed class AddProjectTests : SandboxTest
{
    [Fact]
    public async Task Add_returns_the_seed_shape_with_generated_id_and_key_and_stores_the_project()
    {
        var response = await Client.PostAsync("projects", Customer, """
            {"app_name": "Support Desk", "category_id": "customer-support", "short_desc": "desk", "description": "long",
             "services_incl": {"video": true, "sms": false, "voice": true}}
            """, Deadline);

        response.AssertSuccess();
        Assert.Equal(["result", "project"], Keys(response.Json));
        var project = response.Json["project"]!;
        Assert.Equal(["app_id", "app_key", "app_name"], Keys(project));
        var appId = project["app_id"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{24}$", appId);
        Assert.True(project["app_key"]!.GetValue<string>().Length >= 32);
        Assert.Equal("Support Desk", project["app_name"]!.GetValue<string>());

        var stored = Assert.Single(Sandbox.Store.All());
        Assert.Equal(appId, stored.AppId);
        Assert.Equal(Customer.CustomerId, stored.CustomerId);
        Assert.Equal(new Store.ServicesIncluded(Video: true, Sms: false, Voice: true), stored.Services);
        Assert.Equal("active", stored.Status);
        Assert.Equal(Time.GetUtcNow(), stored.CreatedAt);
    }

    [Fact]
    public async Task Missing_or_empty_app_name_is_1002()
    {
        (await Client.PostAsync("projects", Admin, """{"category_id": "education", "services_incl": {"video": true}}""", Deadline))
            .AssertError(1002, HttpStatusCode.NotAcceptable);
        (await Client.PostAsync("projects", Admin, """{"app_name": "  ", "category_id": "education", "services_incl": {"video": true}}""", Deadline))
            .AssertError(1002, HttpStatusCode.NotAcceptable);
        Assert.Equal(0, Sandbox.Store.Count);
    }

    [Theory]
    [InlineData("""{"app_name": "a", "category_id": "no-such-category", "services_incl": {"video": true}}""")]
    [InlineData("""{"app_name": "a", "services_incl": {"video": true}}""")]
    [InlineData("""{"app_name": "a", "category_id": 5, "services_incl": {"video": true}}""")]
    public async Task Unknown_or_missing_category_is_1008(string body)
    {
        (await Client.PostAsync("projects", Admin, body, Deadline)).AssertError(1008, HttpStatusCode.NotAcceptable);
        Assert.Equal(0, Sandbox.Store.Count);
    }

    [Theory]
    [InlineData("""{"app_name": "a", "category_id": "education"}""")]
    [InlineData("""{"app_name": "a", "category_id": "education", "services_incl": {}}""")]
    [InlineData("""{"app_name": "a", "category_id": "education", "services_incl": {"video": false, "sms": false, "voice": false}}""")]
    [InlineData("""{"app_name": "a", "category_id": "education", "services_incl": true}""")]
    public async Task No_included_service_is_1009(string body)
    {
        (await Client.PostAsync("projects", Admin, body, Deadline)).AssertError(1009, HttpStatusCode.NotAcceptable);
        Assert.Equal(0, Sandbox.Store.Count);
    }

    [Fact]
    public async Task Added_category_is_accepted()
    {
        Sandbox.AddCategory("gaming", "Gaming");

        var appId = await AddProjectAsync("Arena", categoryId: "gaming");

        Assert.Equal("Gaming", (await GetProjectAsync(appId))["category_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Admin_creates_projects_for_the_customer_it_names()
    {
        var appId = await AddProjectAsync("For a customer", Admin, customerId: Customer.CustomerId);

        Assert.Equal(Customer.CustomerId, Sandbox.Store.Find(appId)!.CustomerId);
        (await Client.GetAsync($"projects/{appId}", Customer, Deadline)).AssertSuccess();
    }

    [Fact]
    public async Task Admin_without_customer_id_creates_under_its_own_customer()
    {
        var appId = await AddProjectAsync("Own");

        Assert.Equal(Admin.CustomerId, Sandbox.Store.Find(appId)!.CustomerId);
    }

    [Fact]
    public async Task Customer_naming_another_customer_and_admin_naming_an_unknown_customer_are_1002()
    {
        var body = """{"app_name": "a", "category_id": "education", "services_incl": {"video": true}, "customer_id": "%"}""";

        (await Client.PostAsync("projects", Customer, body.Replace("%", Admin.CustomerId, StringComparison.Ordinal), Deadline))
            .AssertError(1002, HttpStatusCode.NotAcceptable);
        (await Client.PostAsync("projects", Admin, body.Replace("%", "cust-unknown", StringComparison.Ordinal), Deadline))
            .AssertError(1002, HttpStatusCode.NotAcceptable);
        (await Client.PostAsync("projects", Customer, body.Replace("%", Customer.CustomerId, StringComparison.Ordinal), Deadline))
            .AssertSuccess();
    }

    [Fact]
    public async Task Two_projects_may_share_a_name_with_distinct_ids_and_keys()
    {
        var first = await AddProjectAsync("Twin");
        var second = await AddProjectAsync("Twin");

        Assert.NotEqual(first, second);
        var twins = Sandbox.Store.FindByName("Twin");
        Assert.Equal(2, twins.Count);
        Assert.NotEqual(twins[0].AppKey, twins[1].AppKey);
    }

    [Theory]
    [InlineData("""{"app_name": "a", "category_id": "education", "services_incl": {"video": true}, "colour": "red"}""")]
    [InlineData("""{"app_name": "a", "category_id": "education", "services_incl": {"video": true, "fax": true}}""")]
    [InlineData("""{"app_name": "a", "category_id": "education", "services_incl": {"video": true}, "short_desc": 5}""")]
    [InlineData("""[1, 2]""")]
    [InlineData("""{"app_name": """)]
    public async Task Unknown_keys_wrong_types_and_malformed_bodies_are_1002(string body)
    {
        (await Client.PostAsync("projects", Admin, body, Deadline)).AssertError(1002, HttpStatusCode.NotAcceptable);
        Assert.Equal(0, Sandbox.Store.Count);
    }

    [Fact]
    public async Task Lenient_mode_accepts_unknown_keys()
    {
        Sandbox.Wire.StrictRequestValidation = false;

        (await Client.PostAsync("projects", Admin, """{"app_name": "a", "category_id": "education", "services_incl": {"video": true}, "colour": "red"}""", Deadline))
            .AssertSuccess();
    }
}

using System.Net;
using Cpaas.Sandbox.Tests.Support;

namespace Cpaas.Sandbox.Tests;

public sealed class EditProjectTests : SandboxTest
{
    [Fact]
    public async Task Edit_answers_with_a_user_object_and_changes_only_the_given_keys()
    {
        var appId = await AddProjectAsync("Before");
        Time.Advance(TimeSpan.FromMinutes(5));

        var response = await Client.PostAsync($"projects/{appId}", Admin, """
            {"app_name": "After", "category_id": "healthcare", "short_desc": "short", "description": "long"}
            """, Deadline);

        response.AssertSuccess();
        Assert.Equal(["result", "msg", "user"], Keys(response.Json));
        Assert.Equal("Project After has been updated", response.Msg);
        Assert.Equal(["app_id", "app_name"], Keys(response.Json["user"]));
        Assert.Equal(appId, response.Json["user"]!["app_id"]!.GetValue<string>());
        Assert.Equal("After", response.Json["user"]!["app_name"]!.GetValue<string>());

        var project = await GetProjectAsync(appId);
        Assert.Equal("After", project["app_name"]!.GetValue<string>());
        Assert.Equal("Healthcare", project["category_name"]!.GetValue<string>());
        Assert.Equal("short", project["short_desc"]!.GetValue<string>());
        Assert.Equal("2025-03-01T10:00:00.000Z", project["created_at"]!.GetValue<string>());
        Assert.Equal("2025-03-01T10:05:00.000Z", project["updated_at"]!.GetValue<string>());
        Assert.True(project["services_incl"]!["video"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Suspending_sets_status_ex_and_suspended_at_and_reactivating_clears_it()
    {
        var appId = await AddProjectAsync("Pausable");
        Time.Advance(TimeSpan.FromHours(1));

        (await Client.PostAsync($"projects/{appId}", Admin, """{"status": "suspended"}""", Deadline)).AssertSuccess();
        var suspended = await GetProjectAsync(appId);
        Assert.Equal("suspended", suspended["status"]!.GetValue<string>());
        Assert.Equal("Suspended", suspended["status_ex"]!.GetValue<string>());
        Assert.Equal("2025-03-01T11:00:00.000Z", suspended["suspended_at"]!.GetValue<string>());

        Time.Advance(TimeSpan.FromHours(1));
        (await Client.PostAsync($"projects/{appId}", Admin, """{"status": "suspended"}""", Deadline)).AssertSuccess();
        Assert.Equal("2025-03-01T11:00:00.000Z", (await GetProjectAsync(appId))["suspended_at"]!.GetValue<string>());

        (await Client.PostAsync($"projects/{appId}", Admin, """{"status": "active"}""", Deadline)).AssertSuccess();
        var active = await GetProjectAsync(appId);
        Assert.Equal("Active", active["status_ex"]!.GetValue<string>());
        Assert.Null(active["suspended_at"]);
    }

    [Fact]
    public async Task Services_incl_merges_with_the_current_services()
    {
        var appId = await AddProjectAsync("Services", services: """{"video": true}""");

        (await Client.PostAsync($"projects/{appId}", Admin, """{"services_incl": {"sms": true}}""", Deadline)).AssertSuccess();
        Assert.Equal(new Store.ServicesIncluded(Video: true, Sms: true, Voice: false), Sandbox.Store.Find(appId)!.Services);

        (await Client.PostAsync($"projects/{appId}", Admin, """{"services_incl": {"video": false}}""", Deadline)).AssertSuccess();
        Assert.Equal(new Store.ServicesIncluded(Video: false, Sms: true, Voice: false), Sandbox.Store.Find(appId)!.Services);
    }

    [Fact]
    public async Task Turning_every_service_off_is_1009_and_changes_nothing()
    {
        var appId = await AddProjectAsync("Services");

        (await Client.PostAsync($"projects/{appId}", Admin, """{"app_name": "x", "services_incl": {"video": false}}""", Deadline))
            .AssertError(1009, HttpStatusCode.NotAcceptable);

        Assert.Equal("Services", Sandbox.Store.Find(appId)!.AppName);
    }

    [Fact]
    public async Task Unknown_category_is_1008()
    {
        var appId = await AddProjectAsync("Cat");

        (await Client.PostAsync($"projects/{appId}", Admin, """{"category_id": "nope"}""", Deadline)).AssertError(1008, HttpStatusCode.NotAcceptable);
    }

    [Theory]
    [InlineData("""{"status": "deleted"}""")]
    [InlineData("""{"status": "Suspended"}""")]
    [InlineData("""{"app_name": ""}""")]
    [InlineData("""{"app_name": 42}""")]
    [InlineData("""{"owner": "me"}""")]
    public async Task Invalid_values_and_unknown_keys_are_1002(string body)
    {
        var appId = await AddProjectAsync("Strict");

        (await Client.PostAsync($"projects/{appId}", Admin, body, Deadline)).AssertError(1002, HttpStatusCode.NotAcceptable);
        Assert.Equal("Strict", Sandbox.Store.Find(appId)!.AppName);
    }

    [Fact]
    public async Task Unknown_or_foreign_project_is_1007()
    {
        var adminOwned = await AddProjectAsync("Admin owned");

        (await Client.PostAsync("projects/000000000000000000000000", Admin, """{"app_name": "x"}""", Deadline)).AssertError(1007, HttpStatusCode.NotFound);
        (await Client.PostAsync($"projects/{adminOwned}", Customer, """{"app_name": "x"}""", Deadline)).AssertError(1007, HttpStatusCode.NotFound);
        Assert.Equal("Admin owned", Sandbox.Store.Find(adminOwned)!.AppName);
    }
}

using System.Net;
using Cpaas.Sandbox.Tests.Support;

namespace Cpaas.Sandbox.Tests;

public sealed class ResetKeyTests : SandboxTest
{
    [Fact]
    public async Task Reset_key_returns_a_new_key_that_GET_then_shows()
    {
        var appId = await AddProjectAsync("Rotating");
        var before = Sandbox.Store.Find(appId)!.AppKey;

        var response = await Client.PostAsync($"projects/{appId}/reset_key", Admin, null, Deadline);

        response.AssertSuccess();
        Assert.Equal(["result", "msg", "project"], Keys(response.Json));
        Assert.Equal("API Access Key for Project Rotating has been reset", response.Msg);
        Assert.Equal(["app_id", "app_key", "app_name"], Keys(response.Json["project"]));
        var newKey = response.Json["project"]!["app_key"]!.GetValue<string>();
        Assert.NotEqual(before, newKey);
        Assert.Equal(newKey, (await GetProjectAsync(appId))["app_key"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reset_key_of_an_unknown_or_foreign_project_is_1007()
    {
        var adminOwned = await AddProjectAsync("Admin owned");
        var key = Sandbox.Store.Find(adminOwned)!.AppKey;

        (await Client.PostAsync("projects/000000000000000000000000/reset_key", Admin, null, Deadline)).AssertError(1007, HttpStatusCode.NotFound);
        (await Client.PostAsync($"projects/{adminOwned}/reset_key", Customer, null, Deadline)).AssertError(1007, HttpStatusCode.NotFound);
        Assert.Equal(key, Sandbox.Store.Find(adminOwned)!.AppKey);
    }
}

using System.Net;
using Cpaas.Sandbox.Accounts;
using Cpaas.Sandbox.Tests.Support;

namespace Cpaas.Sandbox.Tests;

public sealed class AuthenticationTests : SandboxTest
{
    [Fact]
    public async Task Request_without_credentials_is_401_with_a_Basic_challenge()
    {
        var response = await Client.GetAsync("projects", account: null, Deadline);

        response.AssertError(1001, HttpStatusCode.Unauthorized);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Wrong_key_and_unknown_api_id_are_401()
    {
        var wrongKey = new SandboxAccount(Admin.ApiId, "not-the-key", isAdmin: true, Admin.CustomerId);
        var unknown = new SandboxAccount("nobody", Admin.ApiKey, isAdmin: true, Admin.CustomerId);

        (await Client.GetAsync("projects", wrongKey, Deadline)).AssertError(1001, HttpStatusCode.Unauthorized);
        (await Client.GetAsync("projects", unknown, Deadline)).AssertError(1001, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Credentials_are_checked_even_when_business_errors_come_with_HTTP_200()
    {
        Sandbox.Wire.BusinessErrorsWithHttp200 = true;

        var response = await Client.GetAsync("projects", account: null, Deadline);

        response.AssertError(1001, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Added_account_works_and_replacing_its_key_revokes_the_old_one()
    {
        var first = Sandbox.AddAccount("ops-team", "key-one", isAdmin: false, customerId: "cust-ops");
        (await Client.GetAsync("projects", first, Deadline)).AssertSuccess();

        var second = Sandbox.AddAccount("ops-team", "key-two", isAdmin: false, customerId: "cust-ops");

        (await Client.GetAsync("projects", first, Deadline)).AssertError(1001, HttpStatusCode.Unauthorized);
        (await Client.GetAsync("projects", second, Deadline)).AssertSuccess();
    }

    [Fact]
    public async Task Removed_account_is_rejected()
    {
        var account = Sandbox.AddAccount("temp", "temp-key", isAdmin: true);
        Assert.True(Sandbox.RemoveAccount("temp"));

        (await Client.GetAsync("projects", account, Deadline)).AssertError(1001, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void Account_ToString_never_shows_the_key()
    {
        Assert.DoesNotContain(Admin.ApiKey, Admin.ToString(), StringComparison.Ordinal);
        Assert.Contains(Admin.ApiId, Admin.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_route_is_404_and_wrong_method_is_405()
    {
        (await Client.GetAsync("projects/x/y/z", Admin, Deadline)).AssertError(404, HttpStatusCode.NotFound);
        (await Client.GetAsync("nothing-here", Admin, Deadline)).AssertError(404, HttpStatusCode.NotFound);
        (await Client.SendAsync(HttpMethod.Delete, "projects/abc", Admin, null, Deadline)).AssertError(405, HttpStatusCode.MethodNotAllowed);
        (await Client.GetAsync("projects/abc/video", Admin, Deadline)).AssertError(405, HttpStatusCode.MethodNotAllowed);
    }
}

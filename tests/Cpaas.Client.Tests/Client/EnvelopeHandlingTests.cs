using System.Net;
using Cpaas.Client.Errors;
using Cpaas.Client.Models;
using Cpaas.Client.Tests.Support;

namespace Cpaas.Client.Tests.Client;

public sealed class EnvelopeHandlingTests
{
    private static readonly CpaasAccount Account = ClientHarness.Account;

    [Theory]
    [InlineData("1")]
    [InlineData("\"1\"")]
    public async Task Success_is_result_one_as_number_or_string(string result)
    {
        await using var harness = new ClientHarness();
        harness.Handler.Respond(HttpStatusCode.OK, "{\"result\":" + result + ""","project":{"app_id":"a1","app_name":"n","services_incl":{"video":"true"}}}""");

        var project = await harness.Client.GetProjectAsync(Account, "a1", CancellationToken.None);

        Assert.Equal("a1", project.AppId);
        Assert.True(project.ServicesIncl!.Video);
    }

    [Fact]
    public async Task Error_that_arrives_with_http_200_is_thrown_with_its_code_and_msg()
    {
        await using var harness = new ClientHarness();
        harness.Handler.Respond(HttpStatusCode.OK, """{"result":"1007","msg":"Invalid App ID","desc":"no such app"}""");

        var error = await Assert.ThrowsAsync<CpaasApiException>(() => harness.Client.GetProjectAsync(Account, "nope", CancellationToken.None));

        Assert.Equal(CpaasErrorKind.NotFound, error.Kind);
        Assert.Equal("1007", error.Code);
        Assert.Equal(HttpStatusCode.OK, error.HttpStatus);
        Assert.Equal("Invalid App ID", error.ApiMessage);
        Assert.Equal("no such app", error.Detail);
        Assert.Equal(CpaasOperation.GetProject, error.Operation);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task Error_with_numeric_result_and_error_key_on_a_4xx_is_read_from_the_body()
    {
        await using var harness = new ClientHarness();
        harness.Handler.Respond(HttpStatusCode.BadRequest, """{"result":1008,"error":"Invalid Category ID","data":{"field":"category_id"}}""");

        var error = await Assert.ThrowsAsync<CpaasApiException>(() =>
            harness.Client.AddProjectAsync(Account, new ProjectCreateRequest { AppName = "x", CategoryId = "bad" }, CancellationToken.None));

        Assert.Equal(CpaasErrorKind.InvalidInput, error.Kind);
        Assert.Equal("1008", error.Code);
        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatus);
        Assert.Equal("Invalid Category ID", error.ApiMessage);
        Assert.False(error.OutcomeUnknown);
    }

    [Fact]
    public async Task Credentials_rejected_with_an_html_body_is_a_credentials_error()
    {
        await using var harness = new ClientHarness();
        harness.Handler.RespondRaw(HttpStatusCode.Unauthorized, "<html>401 Authorization Required</html>", "text/html");

        var error = await Assert.ThrowsAsync<CpaasApiException>(() => harness.Client.ListProjectsAsync(Account, null, CancellationToken.None));

        Assert.Equal(CpaasErrorKind.Credentials, error.Kind);
        Assert.Null(error.Code);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task Success_status_with_a_body_that_is_not_json_is_unknown()
    {
        await using var harness = new ClientHarness();
        harness.Handler.RespondRaw(HttpStatusCode.OK, "<html>maintenance</html>", "text/html");

        var error = await Assert.ThrowsAsync<CpaasApiException>(() => harness.Client.GetProjectAsync(Account, "a1", CancellationToken.None));

        Assert.Equal(CpaasErrorKind.Unknown, error.Kind);
    }

    [Fact]
    public async Task Add_that_succeeds_without_credentials_in_the_body_may_have_created_a_project()
    {
        await using var harness = new ClientHarness();
        harness.Handler.Respond(HttpStatusCode.OK, """{"result":1,"project":{"app_name":"x"}}""");

        var error = await Assert.ThrowsAsync<CpaasApiException>(() =>
            harness.Client.AddProjectAsync(Account, new ProjectCreateRequest { AppName = "x" }, CancellationToken.None));

        Assert.Equal(CpaasErrorKind.Unknown, error.Kind);
        Assert.True(error.OutcomeUnknown);
    }

    [Fact]
    public async Task Edit_reads_the_project_reference_named_user()
    {
        await using var harness = new ClientHarness();
        harness.Handler.Respond(HttpStatusCode.OK, """{"result":1,"msg":"Project n has been updated","user":{"app_id":"a1","app_name":"n"}}""");

        var result = await harness.Client.EditProjectAsync(Account, "a1", new ProjectUpdateRequest { Status = "suspended" }, CancellationToken.None);

        Assert.Equal(new ProjectReference { AppId = "a1", AppName = "n" }, result.Project);
        Assert.Equal("Project n has been updated", result.Message);
    }

    [Fact]
    public async Task Embed_patch_returns_the_room_and_its_meeting_urls()
    {
        await using var harness = new ClientHarness();
        harness.Handler.Respond(
            HttpStatusCode.OK,
            """{"result":1,"project":{"app_id":"a1","app_name":"n"},"room":{"room_id":"r1","participant_meeting_url":"https://s.yourvideo.tech/r1","host_meeting_url":"https://s.yourvideo.tech/host/x","participant_iframe_embed":"<iframe/>","moderator_iframe_embed":"<iframe/>"}}""");

        var result = await harness.Client.PatchVideoEmbedAsync(Account, "a1", new VideoEmbedPatch { Subdomain = "s" }, CancellationToken.None);

        Assert.Equal("r1", result.Room!.RoomId);
        Assert.Equal("https://s.yourvideo.tech/host/x", result.Room.HostMeetingUrl);
        Assert.Equal("a1", result.Project!.AppId);
    }

    [Fact]
    public async Task Reset_key_returns_the_new_key()
    {
        await using var harness = new ClientHarness();
        harness.Handler.Respond(HttpStatusCode.OK, """{"result":"1","msg":"reset","project":{"app_id":"a1","app_key":"new-key","app_name":"n"}}""");

        var credentials = await harness.Client.ResetKeyAsync(Account, "a1", CancellationToken.None);

        Assert.Equal("new-key", credentials.AppKey);
        Assert.Equal(HttpMethod.Post, harness.Handler.Requests[0].Method);
        Assert.EndsWith("/cpaas/projects/a1/reset_key", harness.Handler.Requests[0].Uri.AbsolutePath, StringComparison.Ordinal);
    }
}

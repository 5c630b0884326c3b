using System.Net;
using System.Text;
using Cpaas.Sandbox.Tests.Support;

namespace Cpaas.Sandbox.Tests;

public sealed class VideoEmbedTests : SandboxTest
{
    private const string EmbedBody = """
        {"subdomain": "acme-support", "embed_template_id": "t1",
         "access_mode": {"iframe": {"enabled": true, "iframing_hosts": ["acme.example"]}},
         "options": {"recording": false, "lobby": {"show": false, "wait_timeout": "120"}, "room_size": "50",
                     "toolbar_setup": {"chat": {"enabled": true, "kebab": false}}},
         "video_background_color": "#323548"}
        """;

    [Fact]
    public async Task First_embed_configuration_creates_a_room_with_meeting_urls_on_the_subdomain()
    {
        var appId = await AddProjectAsync("Embed", services: """{"sms": true}""");

        var response = await Client.PatchAsync($"projects/{appId}/video-embed", Admin, EmbedBody, Deadline);

        response.AssertSuccess();
        Assert.Equal(["result", "msg", "project", "room"], Keys(response.Json));
        Assert.Equal("Project Embed has been updated with Video Embed Setting", response.Msg);
        Assert.Equal(["app_id", "app_name"], Keys(response.Json["project"]));
        var room = response.Json["room"]!;
        Assert.Equal(["room_id", "participant_meeting_url", "host_meeting_url", "participant_iframe_embed", "moderator_iframe_embed"], Keys(room));
        var roomId = room["room_id"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{24}$", roomId);
        Assert.Equal($"https://acme-support.yourvideo.tech/{roomId}", room["participant_meeting_url"]!.GetValue<string>());
        var hostUrl = room["host_meeting_url"]!.GetValue<string>();
        Assert.StartsWith("https://acme-support.yourvideo.tech/host/", hostUrl, StringComparison.Ordinal);
        var hostToken = Encoding.ASCII.GetString(Convert.FromBase64String(hostUrl[(hostUrl.LastIndexOf('/') + 1)..]));
        Assert.StartsWith(roomId + "-", hostToken, StringComparison.Ordinal);
        Assert.Contains($"src=\"https://acme-support.yourvideo.tech/{roomId}\"", room["participant_iframe_embed"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(hostUrl, room["moderator_iframe_embed"]!.GetValue<string>(), StringComparison.Ordinal);

        var stored = Sandbox.Store.Find(appId)!;
        Assert.Equal(roomId, stored.Room!.RoomId);
        Assert.True(stored.Services.Video);
        Assert.Equal("120", stored.Embed["options"]!["lobby"]!["wait_timeout"]!.GetValue<string>());
    }

    [Fact]
    public async Task Embed_settings_are_never_returned_by_GET()
    {
        var appId = await AddProjectAsync("Hidden");
        (await Client.PatchAsync($"projects/{appId}/video-embed", Admin, EmbedBody, Deadline)).AssertSuccess();

        var project = await GetProjectAsync(appId);

        Assert.DoesNotContain("acme-support", project.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("embed", project.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Later_embed_patches_keep_the_room_and_merge_settings_and_a_new_subdomain_moves_the_urls()
    {
        var appId = await AddProjectAsync("Stable");
        var first = await Client.PatchAsync($"projects/{appId}/video-embed", Admin, EmbedBody, Deadline);
        var roomId = first.Json["room"]!["room_id"]!.GetValue<string>();

        var second = await Client.PatchAsync($"projects/{appId}/video-embed", Admin, """{"options": {"recording": true}}""", Deadline);
        var third = await Client.PatchAsync($"projects/{appId}/video-embed", Admin, """{"subdomain": "acme-help"}""", Deadline);

        Assert.Equal(roomId, second.Json["room"]!["room_id"]!.GetValue<string>());
        Assert.Equal(first.Json["room"]!.ToJsonString(), second.Json["room"]!.ToJsonString());
        Assert.Equal($"https://acme-help.yourvideo.tech/{roomId}", third.Json["room"]!["participant_meeting_url"]!.GetValue<string>());
        var embed = Sandbox.Store.Find(appId)!.Embed;
        Assert.True(embed["options"]!["recording"]!.GetValue<bool>());
        Assert.Equal("50", embed["options"]!["room_size"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Acme")]
    [InlineData("acme_support")]
    [InlineData("-acme")]
    [InlineData("acme-")]
    [InlineData("acme.support")]
    [InlineData("")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Subdomain_outside_the_rules_is_1110(string subdomain)
    {
        var appId = await AddProjectAsync("Rules");

        (await Client.PatchAsync($"projects/{appId}/video-embed", Admin, $$"""{"subdomain": "{{subdomain}}"}""", Deadline))
            .AssertError(1110, HttpStatusCode.NotAcceptable);
        Assert.Null(Sandbox.Store.Find(appId)!.Room);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("a-b-c")]
    [InlineData("123")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Subdomain_within_the_rules_is_accepted(string subdomain)
    {
        var appId = await AddProjectAsync("Rules");

        (await Client.PatchAsync($"projects/{appId}/video-embed", Admin, $$"""{"subdomain": "{{subdomain}}"}""", Deadline)).AssertSuccess();
    }

    [Theory]
    [InlineData("""{"options": {"recording": true}}""")]
    [InlineData("""{"subdomain": null}""")]
    [InlineData("""{"subdomain": 5}""")]
    public async Task First_embed_configuration_without_a_valid_subdomain_is_1110(string body)
    {
        var appId = await AddProjectAsync("NoSub");

        (await Client.PatchAsync($"projects/{appId}/video-embed", Admin, body, Deadline)).AssertError(1110, HttpStatusCode.NotAcceptable);
    }

    [Fact]
    public async Task Subdomain_taken_by_another_project_of_any_customer_is_1111_and_its_own_is_fine()
    {
        var customerProject = await AddProjectAsync("Customer", Customer);
        var adminProject = await AddProjectAsync("Admin");
        (await Client.PatchAsync($"projects/{customerProject}/video-embed", Customer, """{"subdomain": "shared-name"}""", Deadline)).AssertSuccess();

        (await Client.PatchAsync($"projects/{adminProject}/video-embed", Admin, """{"subdomain": "shared-name"}""", Deadline))
            .AssertError(1111, HttpStatusCode.Conflict);
        (await Client.PatchAsync($"projects/{customerProject}/video-embed", Customer, """{"subdomain": "shared-name"}""", Deadline)).AssertSuccess();
    }

    [Fact]
    public async Task Unknown_embed_keys_are_1002()
    {
        var appId = await AddProjectAsync("Strict");

        (await Client.PatchAsync($"projects/{appId}/video-embed", Admin, """{"subdomain": "strict-one", "options": {"teleport": true}}""", Deadline))
            .AssertError(1002, HttpStatusCode.NotAcceptable);
    }
}

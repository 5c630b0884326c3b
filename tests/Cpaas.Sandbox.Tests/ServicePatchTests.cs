using System.Net;
using System.Text.Json.Nodes;
using Cpaas.Sandbox.Tests.Support;

namespace Cpaas.Sandbox.Tests;

public sealed class ServicePatchTests : SandboxTest
{
    [Fact]
    public async Task Patch_video_answers_with_a_user_object()
    {
        var appId = await AddProjectAsync("Video");

        var response = await Client.PatchAsync($"projects/{appId}/video", Admin, """{"notification_url": "https://hooks.example/v"}""", Deadline);

        response.AssertSuccess();
        Assert.Equal(["result", "msg", "user"], Keys(response.Json));
        Assert.Equal("Project Video has been updated with Video Service Setting", response.Msg);
        Assert.Equal(["app_id", "app_name"], Keys(response.Json["user"]));
    }

    [Fact]
    public async Task Patches_deep_merge_objects_and_replace_arrays_and_scalars()
    {
        var appId = await AddProjectAsync("Merge");
        (await Client.PatchAsync($"projects/{appId}/video", Admin, """
            {"notification_url": "https://a.example",
             "sip": {"server_url": "sip:a", "username": "u1", "sig_servers": ["s1", "s2"]},
             "recording": {"files": {"meta": true, "delete": true}}}
            """, Deadline)).AssertSuccess();

        (await Client.PatchAsync($"projects/{appId}/video", Admin, """
            {"sip": {"username": "u2", "sig_servers": ["s3"]},
             "recording": {"files": {"delete": false}, "watermark": {"opacity": 0.5}}}
            """, Deadline)).AssertSuccess();

        var video = (await GetProjectAsync(appId))["video"]!;
        Assert.Equal("https://a.example", video["notification_url"]!.GetValue<string>());
        Assert.Equal("sip:a", video["sip"]!["server_url"]!.GetValue<string>());
        Assert.Equal("u2", video["sip"]!["username"]!.GetValue<string>());
        Assert.Equal(["s3"], video["sip"]!["sig_servers"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.True(video["recording"]!["files"]!["meta"]!.GetValue<bool>());
        Assert.False(video["recording"]!["files"]!["delete"]!.GetValue<bool>());
        Assert.Equal(0.5, video["recording"]!["watermark"]!["opacity"]!.GetValue<double>());
    }

    [Fact]
    public async Task Null_removes_a_key_and_GET_shows_its_empty_value()
    {
        var appId = await AddProjectAsync("Null");
        (await Client.PatchAsync($"projects/{appId}/voice", Admin, """{"notification_url": "https://v.example", "in": true}""", Deadline)).AssertSuccess();

        (await Client.PatchAsync($"projects/{appId}/voice", Admin, """{"notification_url": null}""", Deadline)).AssertSuccess();

        var voice = (await GetProjectAsync(appId))["voice"]!;
        Assert.Equal(string.Empty, voice["notification_url"]!.GetValue<string>());
        Assert.True(voice["in"]!.GetValue<bool>());
        Assert.False(Sandbox.Store.Find(appId)!.Voice.ContainsKey("notification_url"));
    }

    [Fact]
    public async Task Recording_delivery_is_patched_under_recording_and_shown_as_recording_delivery_with_ftp_and_scp_only()
    {
        var appId = await AddProjectAsync("Delivery");

        (await Client.PatchAsync($"projects/{appId}/video", Admin, """
            {"encryption": {"encryption_key": "enc-secret"},
             "recording": {"delivery": {
                "ftp": {"opted": true, "host": "ftp.example", "port": 21, "username": "f", "password": "ftp-pw", "path": "/r"},
                "scp": {"opted": false, "host": "scp.example", "port": 22},
                "s3": {"opted": true, "access_key_id": "AKIA", "secret_key": "s3-secret", "region": "us-east-1", "env_auth": false},
                "gdrive": {"opted": true, "root_folder_id": "root", "access_file": "{\"k\": 1}"},
                "azure": {"storage_account": "acct", "access_key": "az-secret", "dest_path": "/d"}}}}
            """, Deadline)).AssertSuccess();

        var video = (await GetProjectAsync(appId))["video"]!.AsObject();
        Assert.False(video.ContainsKey("encryption"));
        Assert.Equal(["files", "watermark"], Keys(video["recording"]));
        Assert.Equal(["ftp", "scp"], Keys(video["recording_delivery"]));
        Assert.Equal("ftp.example", video["recording_delivery"]!["ftp"]!["host"]!.GetValue<string>());
        Assert.Equal("ftp-pw", video["recording_delivery"]!["ftp"]!["password"]!.GetValue<string>());
        Assert.Equal(22, video["recording_delivery"]!["scp"]!["port"]!.GetValue<int>());
        Assert.Equal(string.Empty, video["recording_delivery"]!["scp"]!["periodicity_ex"]!.GetValue<string>());
        Assert.DoesNotContain("s3-secret", video.ToJsonString(), StringComparison.Ordinal);

        var stored = Sandbox.Store.Find(appId)!.Video;
        Assert.Equal("enc-secret", stored["encryption"]!["encryption_key"]!.GetValue<string>());
        Assert.Equal("s3-secret", stored["recording"]!["delivery"]!["s3"]!["secret_key"]!.GetValue<string>());
        Assert.Equal("az-secret", stored["recording"]!["delivery"]!["azure"]!["access_key"]!.GetValue<string>());
        Assert.Equal("root", stored["recording"]!["delivery"]!["gdrive"]!["root_folder_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Video_phone_gains_toll_in_GET_and_voice_phone_is_stored_but_never_shown()
    {
        var appId = await AddProjectAsync("Phones");

        (await Client.PatchAsync($"projects/{appId}/video", Admin, """
            {"phone": [{"in": true, "out": false, "country": "India", "country_code": "91", "phone": "12345"}]}
            """, Deadline)).AssertSuccess();
        (await Client.PatchAsync($"projects/{appId}/voice", Admin, """
            {"in": true, "phone": [{"in": true, "out": true, "country": "US", "country_code": "1", "phone": "555"}]}
            """, Deadline)).AssertSuccess();

        var project = await GetProjectAsync(appId);
        var phone = project["video"]!["phone"]![0]!;
        Assert.Equal(["in", "out", "country", "country_code", "phone", "toll"], Keys(phone));
        Assert.False(phone["toll"]!.GetValue<bool>());
        Assert.False(project["voice"]!.AsObject().ContainsKey("phone"));
        Assert.Equal("555", Sandbox.Store.Find(appId)!.Voice["phone"]![0]!["phone"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sms_patch_is_stored_and_shown()
    {
        var appId = await AddProjectAsync("Sms", services: """{"voice": true}""");

        var response = await Client.PatchAsync($"projects/{appId}/sms", Admin, """
            {"incoming": true, "default": {"sender_name": "ACME", "in_webhook": {"url": "https://in.example", "auth": true, "username": "u", "password": "p"}}}
            """, Deadline);

        response.AssertSuccess();
        Assert.Equal("Project Sms has been updated with SMS Service Setting", response.Msg);
        var sms = (await GetProjectAsync(appId))["sms"]!;
        Assert.True(sms["incoming"]!.GetValue<bool>());
        Assert.False(sms["outgoing"]!.GetValue<bool>());
        Assert.Equal("ACME", sms["default"]!["sender_name"]!.GetValue<string>());
        Assert.Equal("p", sms["default"]!["in_webhook"]!["password"]!.GetValue<string>());
        Assert.Equal(string.Empty, sms["default"]!["delivery_webhook"]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patching_a_service_includes_it_in_services_incl()
    {
        var appId = await AddProjectAsync("Include", services: """{"video": true}""");

        (await Client.PatchAsync($"projects/{appId}/voice", Admin, """{"out": true}""", Deadline)).AssertSuccess();
        (await Client.PatchAsync($"projects/{appId}/sms", Admin, """{"outgoing": true}""", Deadline)).AssertSuccess();

        var services = (await GetProjectAsync(appId))["services_incl"]!;
        Assert.True(services["voice"]!.GetValue<bool>());
        Assert.True(services["sms"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("video", """{"notification_url": 5}""")]
    [InlineData("video", """{"media_zone": ["IN"]}""")]
    [InlineData("video", """{"recording": {"delivery": {"ftp": {"port": "21"}}}}""")]
    [InlineData("video", """{"recording": {"delivery": {"ftp": {"port": 21.5}}}}""")]
    [InlineData("video", """{"phone": {"in": true}}""")]
    [InlineData("video", """{"phone": [{"toll": true}]}""")]
    [InlineData("voice", """{"in": "yes"}""")]
    [InlineData("voice", """{"inbound": {"auto_record": 1}}""")]
    [InlineData("sms", """{"default": {"unknown": "x"}}""")]
    [InlineData("sms", """[]""")]
    public async Task Keys_the_seed_does_not_show_or_wrong_types_are_1002(string service, string body)
    {
        var appId = await AddProjectAsync("Strict");

        (await Client.PatchAsync($"projects/{appId}/{service}", Admin, body, Deadline)).AssertError(1002, HttpStatusCode.NotAcceptable);
    }

    [Theory]
    [InlineData("video")]
    [InlineData("voice")]
    [InlineData("sms")]
    [InlineData("video-embed")]
    public async Task Patch_of_an_unknown_or_foreign_project_is_1007(string service)
    {
        var adminOwned = await AddProjectAsync("Admin owned");

        (await Client.PatchAsync($"projects/000000000000000000000000/{service}", Admin, "{}", Deadline)).AssertError(1007, HttpStatusCode.NotFound);
        (await Client.PatchAsync($"projects/{adminOwned}/{service}", Customer, "{}", Deadline)).AssertError(1007, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Seed_literal_types_are_accepted_for_s3_and_gdrive()
    {
        var appId = await AddProjectAsync("Literals");

        (await Client.PatchAsync($"projects/{appId}/video", Admin, """
            {"recording": {"delivery": {"s3": {"opted": true, "mode": "secret_access_based", "env_auth": true},
                                        "gdrive": {"opted": false, "access_file": {"type": "service_account"}}}}}
            """, Deadline)).AssertSuccess();

        Assert.IsType<JsonObject>(Sandbox.Store.Find(appId)!.Video["recording"]!["delivery"]!["gdrive"]!["access_file"]);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Cpaas.Sandbox.Tests.Support;

namespace Cpaas.Sandbox.Tests;

public sealed class GetProjectTests : SandboxTest
{
    [Fact]
    public async Task Get_returns_every_key_of_the_seed_GET_shape_in_order()
    {
        var appId = await AddProjectAsync("Shape");

        var project = await GetProjectAsync(appId);

        Assert.Equal(
            ["customer_id", "customer_name", "app_id", "app_key", "app_name", "category_id", "category_name", "short_desc",
             "description", "services_incl", "video", "sms", "voice", "status", "status_ex", "created_at", "updated_at", "suspended_at"],
            Keys(project));
        Assert.Equal(["video", "sms", "voice"], Keys(project["services_incl"]));
        var video = project["video"]!;
        Assert.Equal(["notification_url", "media_zone", "sip", "phone", "recording", "recording_delivery"], Keys(video));
        Assert.Equal(["server_url", "username", "password", "sig_servers", "media_servers"], Keys(video["sip"]));
        Assert.Equal(["files", "watermark"], Keys(video["recording"]));
        Assert.Equal(["record_individual", "record_transcoded", "meta", "transcription", "text_chat", "delete"], Keys(video["recording"]!["files"]));
        Assert.Equal(["enabled", "img_path", "opacity", "align"], Keys(video["recording"]!["watermark"]));
        Assert.Equal(["IN", "DE", "US", "SG"], Keys(video["recording"]!["watermark"]!["img_path"]));
        Assert.Equal(["horz", "vert", "offset_x", "offset_y"], Keys(video["recording"]!["watermark"]!["align"]));
        Assert.Equal(["ftp", "scp"], Keys(video["recording_delivery"]));
        Assert.Equal(
            ["opted", "periodicity", "periodicity_ex", "protocol", "encryption", "host", "port", "username", "password", "path"],
            Keys(video["recording_delivery"]!["ftp"]));
        Assert.Equal(
            ["opted", "periodicity", "periodicity_ex", "host", "port", "username", "password", "path"],
            Keys(video["recording_delivery"]!["scp"]));
        Assert.Equal(["incoming", "outgoing", "default"], Keys(project["sms"]));
        Assert.Equal(["sender_name", "long_code", "short_code", "keyword", "in_webhook", "delivery_webhook"], Keys(project["sms"]!["default"]));
        Assert.Equal(["url", "auth", "username", "password"], Keys(project["sms"]!["default"]!["in_webhook"]));
        Assert.Equal(["in", "out", "sip", "inbound", "notification_url"], Keys(project["voice"]));
        Assert.Equal(["event_url", "welcome_text", "voice_type", "language", "auto_record"], Keys(project["voice"]!["inbound"]));
    }

    [Fact]
    public async Task Get_fills_unset_keys_with_empty_values_of_their_type_and_shows_the_timestamps()
    {
        var appId = await AddProjectAsync("Defaults");

        var project = await GetProjectAsync(appId);

        Assert.Equal("Sandbox Admin", project["customer_name"]!.GetValue<string>());
        Assert.Equal("Education", project["category_name"]!.GetValue<string>());
        Assert.Equal(string.Empty, project["short_desc"]!.GetValue<string>());
        Assert.False(project["video"]!["recording"]!["files"]!["meta"]!.GetValue<bool>());
        Assert.Equal(0, project["video"]!["recording_delivery"]!["ftp"]!["port"]!.GetValue<int>());
        Assert.Empty(project["video"]!["sip"]!["sig_servers"]!.AsArray());
        Assert.Equal(["IN"], project["video"]!["media_zone"]!.AsArray().Select(z => z!.GetValue<string>()));
        Assert.Equal("active", project["status"]!.GetValue<string>());
        Assert.Equal("Active", project["status_ex"]!.GetValue<string>());
        Assert.Equal("2025-03-01T10:00:00.000Z", project["created_at"]!.GetValue<string>());
        Assert.Equal("2025-03-01T10:00:00.000Z", project["updated_at"]!.GetValue<string>());
        Assert.Null(project["suspended_at"]);
        Assert.True(project.ContainsKey("suspended_at"));
    }

    [Fact]
    public async Task Omit_unset_fields_mode_leaves_out_keys_never_set()
    {
        Sandbox.Wire.FillUnsetFields = false;
        var appId = await AddProjectAsync("Sparse");
        (await Client.PatchAsync($"projects/{appId}/voice", Admin, """{"in": true}""", Deadline)).AssertSuccess();

        var project = await GetProjectAsync(appId);

        Assert.False(project.ContainsKey("short_desc"));
        Assert.False(project.ContainsKey("suspended_at"));
        Assert.Equal(["in"], Keys(project["voice"]));
        Assert.Equal(["media_zone"], Keys(project["video"]));
    }

    [Fact]
    public async Task Unknown_app_id_is_1007_with_404()
    {
        (await Client.GetAsync("projects/000000000000000000000000", Admin, Deadline)).AssertError(1007, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Customer_cannot_see_another_customers_project_and_admin_sees_all()
    {
        var adminOwned = await AddProjectAsync("Admin owned", Admin);
        var customerOwned = await AddProjectAsync("Customer owned", Customer);

        (await Client.GetAsync($"projects/{adminOwned}", Customer, Deadline)).AssertError(1007, HttpStatusCode.NotFound);
        (await Client.GetAsync($"projects/{customerOwned}", Customer, Deadline)).AssertSuccess();
        (await Client.GetAsync($"projects/{customerOwned}", Admin, Deadline)).AssertSuccess();
    }

    [Fact]
    public async Task Out_of_band_edit_through_the_store_shows_in_GET()
    {
        var appId = await AddProjectAsync("Drift");

        Sandbox.Store.Mutate(appId, p =>
        {
            p.AppName = "Drifted";
            p.Video["notification_url"] = "https://changed.example/hook";
        });

        var project = await GetProjectAsync(appId);
        Assert.Equal("Drifted", project["app_name"]!.GetValue<string>());
        Assert.Equal("https://changed.example/hook", project["video"]!["notification_url"]!.GetValue<string>());
        Assert.Throws<KeyNotFoundException>(() => Sandbox.Store.Mutate("missing", _ => { }));
    }

    [Fact]
    public async Task Store_reads_are_copies()
    {
        var appId = await AddProjectAsync("Copy");

        var copy = Sandbox.Store.Find(appId)!;
        copy.AppName = "changed locally";
        copy.Video["notification_url"] = "x";

        var project = await GetProjectAsync(appId);
        Assert.Equal("Copy", project["app_name"]!.GetValue<string>());
        Assert.Equal(string.Empty, project["video"]!["notification_url"]!.GetValue<string>());
        Assert.IsType<JsonObject>(project["video"]);
    }
}

using System.Text.Json;
using Cpaas.Client.Models;
using Cpaas.Operator.Mapping;

namespace Cpaas.Operator.Tests.Mapping;

public sealed class ProjectSectionsTests
{
    private const string GetJson = """
        {
          "app_id": "a1", "status": "active",
          "video": {
            "notification_url": "https://n.example",
            "media_zone": ["IN"],
            "sip": { "server_url": "sip.example", "username": "u", "password": "p", "sig_servers": ["s1"], "media_servers": ["m1"] },
            "phone": [ { "in": true, "out": false, "country": "India", "country_code": "91", "phone": "98", "toll": true } ],
            "recording": {
              "files": { "record_individual": true, "text_chat": false },
              "watermark": { "enabled": true, "img_path": { "IN": "in.png" }, "opacity": 0.5, "align": { "horz": "left", "offset_x": 3 } }
            },
            "recording_delivery": {
              "ftp": { "opted": true, "host": "ftp.example", "port": 21, "password": "fp" },
              "scp": { "opted": false, "periodicity": "daily", "periodicity_ex": "x", "port": 22 }
            }
          },
          "voice": { "in": true, "out": false, "notification_url": "https://v.example", "inbound": { "language": "en" } },
          "sms": { "incoming": true, "default": { "sender_name": "S", "in_webhook": { "url": "https://w.example", "auth": true } } }
        }
        """;

    private static ProjectSections Actual() =>
        ProjectSections.FromGet(JsonSerializer.Deserialize(GetJson, CpaasJsonContext.Default.ProjectDetails)!);

    [Fact]
    public void Get_recording_delivery_becomes_PATCH_recording_delivery()
    {
        var video = Actual().Video!;

        Assert.Equal("ftp.example", video.Recording!.Delivery!.Ftp!.Host);
        Assert.Equal(21, video.Recording.Delivery.Ftp.Port);
        Assert.Equal("daily", video.Recording.Delivery.Scp!.Periodicity);
        Assert.True(video.Recording.Files!.RecordIndividual);
        Assert.Equal("in.png", video.Recording.Watermark!.ImgPath!.In);
        Assert.Equal(3, video.Recording.Watermark.Align!.OffsetX);
    }

    [Fact]
    public void Get_only_keys_are_dropped_toll_and_media_zone()
    {
        var json = MappingFixtures.ToJson(Actual().Video!);

        Assert.Null(json["media_zone"]);
        Assert.Null(json["recording_delivery"]);
        Assert.False(json["phone"]![0]!.AsObject().ContainsKey("toll"));
        Assert.Equal("91", (string?)json["phone"]![0]!["country_code"]);
    }

    [Fact]
    public void Voice_and_sms_keep_their_readable_keys()
    {
        var actual = Actual();

        Assert.Equal("https://v.example", actual.Voice!.NotificationUrl);
        Assert.Equal("en", actual.Voice.Inbound!.Language);
        Assert.Null(actual.Voice.Phone);
        Assert.Equal("S", actual.Sms!.Default!.SenderName);
        Assert.True(actual.Sms.Default.InWebhook!.Auth);
    }

    [Fact]
    public void Sections_GET_does_not_return_are_null()
    {
        var actual = ProjectSections.FromGet(new ProjectDetails { AppId = "a1" });

        Assert.Equal(ProjectSections.None, actual);
    }
}

using System.Text.Json;
using Cpaas.Client.Models;

namespace Cpaas.Client.Tests.Serialization;

public sealed class JsonShapeTests
{
    private static string Serialize<T>(T value) =>
        JsonSerializer.Serialize(value, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)CpaasJsonContext.Default.GetTypeInfo(typeof(T))!);

    [Fact]
    public void Video_patch_carries_only_the_keys_that_are_set_in_snake_case()
    {
        var patch = new VideoSettingsPatch
        {
            NotificationUrl = "https://hooks.example/video",
            Recording = new RecordingSettingsPatch
            {
                Files = new RecordingFiles { RecordIndividual = true, Delete = false },
                Delivery = new RecordingDeliveryPatch
                {
                    S3 = new S3Delivery { Opted = true, Region = "us-east-1", EnvAuth = false },
                },
            },
        };

        Assert.Equal(
            """{"notification_url":"https://hooks.example/video","recording":{"files":{"record_individual":true,"delete":false},"delivery":{"s3":{"opted":true,"region":"us-east-1","env_auth":false}}}}""",
            Serialize(patch));
    }

    [Fact]
    public void Empty_patch_serializes_to_an_empty_object()
    {
        Assert.Equal("{}", Serialize(new VoiceSettingsPatch()));
        Assert.Equal("{}", Serialize(new VideoEmbedPatch()));
    }

    [Fact]
    public void Embed_patch_keeps_the_seed_key_names_and_string_typed_values()
    {
        var patch = new VideoEmbedPatch
        {
            Subdomain = "support",
            AccessMode = new EmbedAccessMode { Iframe = new EmbedIframeAccess { Enabled = true, IframingHosts = [] } },
            Options = new EmbedOptions
            {
                DeviceSetting = true,
                RoomSize = "50",
                IconBgOpacity = "0.2",
                Lobby = new EmbedLobby { Show = false, WaitTimeout = "120" },
                ToolbarSetup = new EmbedToolbarSetup { FloorControl = new EmbedToolbarButton { Enabled = true, Kebab = true } },
                SessionExpiry = new EmbedModeratorNotice { Moderator = true, Track = "" },
            },
        };

        Assert.Equal(
            """{"subdomain":"support","access_mode":{"iframe":{"enabled":true,"iframing_hosts":[]}},"options":{"deviceSetting":true,"lobby":{"show":false,"wait_timeout":"120"},"toolbar_setup":{"floorControl":{"enabled":true,"kebab":true}},"room_size":"50","icon_bg_opacity":"0.2","session_expiry":{"moderator":true,"track":""}}}""",
            Serialize(patch));
    }

    [Fact]
    public void Voice_patch_writes_phone_and_watermark_regions_use_upper_case_keys()
    {
        var voice = new VoiceSettingsPatch
        {
            In = true,
            Phone = [new PhoneNumberPatch { In = true, Out = false, Country = "India", CountryCode = "91", Phone = "12345" }],
        };
        Assert.Equal(
            """{"in":true,"phone":[{"in":true,"out":false,"country":"India","country_code":"91","phone":"12345"}]}""",
            Serialize(voice));

        var watermark = new RecordingWatermark { ImgPath = new WatermarkImagePaths { In = "a", Us = "b" }, Opacity = 0.5 };
        Assert.Equal("""{"img_path":{"IN":"a","US":"b"},"opacity":0.5}""", Serialize(watermark));
    }

    [Fact]
    public void Get_response_reads_recording_delivery_beside_recording_and_phone_toll()
    {
        const string json = """
        {"result":1,"project":{"app_id":"a1","app_key":"k","services_incl":{"video":true,"sms":"false","voice":0},
         "video":{"media_zone":["IN"],"phone":[{"in":"1","toll":true,"country_code":91}],
                  "recording":{"files":{"meta":"true"},"watermark":{"opacity":"0.3","align":{"offset_x":"12"}}},
                  "recording_delivery":{"ftp":{"opted":1,"port":"21","password":"p"},"scp":{"periodicity_ex":"x","port":22}}},
         "voice":{"in":true,"inbound":{"auto_record":"false"}},
         "sms":{"incoming":true,"default":{"in_webhook":{"auth":"true","password":"p"}}},
         "created_at":"2024-03-01T10:00:00Z","unknown_key":{"nested":[1,2]}}}
        """;

        var response = JsonSerializer.Deserialize(json, CpaasJsonContext.Default.ProjectGetResponse)!;

        Assert.True(response.IsSuccess);
        var project = response.Project!;
        Assert.Equal(new ServicesIncluded { Video = true, Sms = false, Voice = false }, project.ServicesIncl);
        Assert.Equal(["IN"], project.Video!.MediaZone!);
        Assert.True(project.Video.Phone![0].In);
        Assert.True(project.Video.Phone[0].Toll);
        Assert.Equal("91", project.Video.Phone[0].CountryCode);
        Assert.True(project.Video.Recording!.Files!.Meta);
        Assert.Equal(0.3, project.Video.Recording.Watermark!.Opacity);
        Assert.Equal(12, project.Video.Recording.Watermark.Align!.OffsetX);
        Assert.True(project.Video.RecordingDelivery!.Ftp!.Opted);
        Assert.Equal(21, project.Video.RecordingDelivery.Ftp.Port);
        Assert.Equal("x", project.Video.RecordingDelivery.Scp!.PeriodicityEx);
        Assert.Equal(22, project.Video.RecordingDelivery.Scp.Port);
        Assert.False(project.Voice!.Inbound!.AutoRecord);
        Assert.True(project.Sms!.Default!.InWebhook!.Auth);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero), project.CreatedAt);
    }

    [Fact]
    public void Every_public_model_type_has_source_generated_metadata()
    {
        var modelTypes = typeof(CpaasJsonContext).Assembly.GetTypes()
            .Where(t => t.IsPublic && t.Namespace == typeof(CpaasJsonContext).Namespace && !t.IsAbstract && t != typeof(CpaasJsonContext));

        foreach (var type in modelTypes)
        {
            Assert.True(CpaasJsonContext.Default.GetTypeInfo(type) is not null, $"{type.Name} has no source-generated metadata");
        }
    }
}

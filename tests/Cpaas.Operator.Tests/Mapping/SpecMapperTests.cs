using System.Text.Json;
using System.Text.Json.Nodes;
using Cpaas.Client.Models;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Mapping;
using Cpaas.Operator.Tests.Support;

namespace Cpaas.Operator.Tests.Mapping;

public sealed class SpecMapperTests
{
    public static TheoryData<string, string> Sections => new()
    {
        { "seed-patch-video.json", "video" },
        { "seed-patch-voice.json", "voice" },
        { "seed-patch-sms.json", "sms" },
        { "seed-patch-video-embed.json", "embed" },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void Full_spec_maps_to_a_PATCH_body_with_exactly_the_seed_keys(string seedFile, string section)
    {
        var desired = MappingFixtures.FullDesired();
        JsonNode body = section switch
        {
            "video" => MappingFixtures.ToJson(desired.Video!),
            "voice" => MappingFixtures.ToJson(desired.Voice!),
            "sms" => MappingFixtures.ToJson(desired.Sms!),
            _ => MappingFixtures.ToJson(desired.Embed!),
        };
        using var seed = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.TestData(seedFile)));

        var seedKeys = KeyPaths(JsonNode.Parse(seed.RootElement.GetRawText())!, string.Empty);
        var bodyKeys = KeyPaths(body, string.Empty);

        Assert.Equal(seedKeys.Order(StringComparer.Ordinal), bodyKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Spec_values_and_resolved_secrets_land_on_the_seed_keys()
    {
        var video = MappingFixtures.ToJson(MappingFixtures.FullDesired().Video!);
        var voice = MappingFixtures.ToJson(MappingFixtures.FullDesired().Voice!);
        var sms = MappingFixtures.ToJson(MappingFixtures.FullDesired().Sms!);
        var embed = MappingFixtures.ToJson(MappingFixtures.FullDesired().Embed!);

        Assert.Equal("https://hooks.example.com/cpaas/video", (string?)video["notification_url"]);
        Assert.Equal("REPLACE_WITH_SIP_PASSWORD", (string?)video["sip"]!["password"]);
        Assert.Equal("REPLACE_WITH_ENCRYPTION_KEY", (string?)video["encryption"]!["encryption_key"]);
        Assert.Equal("https://cdn.example.com/watermark-de.png", (string?)video["recording"]!["watermark"]!["img_path"]!["DE"]);
        Assert.Equal(20, (int?)video["recording"]!["watermark"]!["align"]!["offset_x"]);
        Assert.Equal(21, (int?)video["recording"]!["delivery"]!["ftp"]!["port"]);
        Assert.Equal("REPLACE_WITH_AWS_SECRET_KEY", (string?)video["recording"]!["delivery"]!["s3"]!["secret_key"]);
        Assert.Equal("REPLACE_WITH_AWS_ACCESS_KEY_ID", (string?)video["recording"]!["delivery"]!["s3"]!["access_key_id"]);
        Assert.StartsWith("{\"type\"", (string?)video["recording"]!["delivery"]!["gdrive"]!["access_file"], StringComparison.Ordinal);
        Assert.Equal("REPLACE_WITH_AZURE_ACCESS_KEY", (string?)video["recording"]!["delivery"]!["azure"]!["access_key"]);
        Assert.Equal("91", (string?)video["phone"]![0]!["country_code"]);
        Assert.Equal("en-US", (string?)voice["inbound"]!["language"]);
        Assert.Equal("REPLACE_WITH_WEBHOOK_PASSWORD", (string?)sms["default"]!["delivery_webhook"]!["password"]);
        Assert.Equal("120", (string?)embed["options"]!["lobby"]!["wait_timeout"]);
        Assert.True((bool?)embed["options"]!["toolbar_setup"]!["floorControl"]!["kebab"]);
        Assert.True((bool?)embed["options"]!["deviceSetting"]);
        Assert.Equal("#323548", (string?)embed["video_background_color"]);
    }

    [Fact]
    public void Unset_spec_fields_are_absent_from_the_PATCH_body()
    {
        var patch = VideoSpecMapper.ToPatch(new VideoSpec { NotificationUrl = "https://a.example" }, new Dictionary<SecretKeySelector, string>());

        Assert.Equal("""{"notification_url":"https://a.example"}""", MappingFixtures.ToJson(patch).ToJsonString());
    }

    [Fact]
    public void Empty_sections_map_to_empty_PATCH_bodies()
    {
        var noSecrets = new Dictionary<SecretKeySelector, string>();

        Assert.Equal("{}", MappingFixtures.ToJson(VideoSpecMapper.ToPatch(new VideoSpec { Recording = new RecordingSpec() }, noSecrets))["recording"]!.ToJsonString());
        Assert.Equal("{}", MappingFixtures.ToJson(VoiceSpecMapper.ToPatch(new VoiceSpec(), noSecrets)).ToJsonString());
        Assert.Equal("{}", MappingFixtures.ToJson(SmsSpecMapper.ToPatch(new SmsSpec(), noSecrets)).ToJsonString());
        Assert.Equal("{}", MappingFixtures.ToJson(EmbedSpecMapper.ToPatch(new EmbedSpec())).ToJsonString());
    }

    [Fact]
    public void Lists_in_the_PATCH_body_are_copies_of_the_spec_lists()
    {
        var hosts = new List<string> { "a.example" };
        var patch = EmbedSpecMapper.ToPatch(new EmbedSpec { AccessMode = new EmbedAccessModeSpec { Iframe = new EmbedIframeSpec { IframingHosts = hosts } } });

        hosts.Add("b.example");

        Assert.Equal(["a.example"], patch.AccessMode!.Iframe!.IframingHosts!);
    }

    [Fact]
    public void A_reference_without_a_resolved_value_throws_naming_the_Secret_and_key_only()
    {
        var spec = new VoiceSpec { Sip = new SipSpec { PasswordSecretRef = new SecretKeySelector { Name = "voice", Key = "sip" } } };
        var secrets = new Dictionary<SecretKeySelector, string> { [new SecretKeySelector { Name = "voice", Key = "other" }] = "hunter2" };

        var error = Assert.Throws<MissingSecretValueException>(() => VoiceSpecMapper.ToPatch(spec, secrets));

        Assert.Contains("'sip'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'voice'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_references_of_the_full_sample_are_all_collected_with_their_fields()
    {
        var references = SecretReferences.Collect(MappingFixtures.FullProject().Spec);

        Assert.Equal(11, references.Count);
        Assert.Contains(references, r => r.Field == "video.recording.delivery.s3.secretKeySecretRef" && r.Selector.Key == "s3-secret-key");
        Assert.Contains(references, r => r.Field == "sms.default.inWebhook.passwordSecretRef");
        Assert.All(references, r => Assert.True(MappingFixtures.FullSecrets().ContainsKey(r.Selector)));
    }

    [Fact]
    public void Desired_sections_print_no_secret_value()
    {
        var text = MappingFixtures.FullDesired().ToString();

        Assert.DoesNotContain("REPLACE_WITH", text, StringComparison.Ordinal);
    }

    private static List<string> KeyPaths(JsonNode node, string prefix)
    {
        var paths = new List<string>();
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
                    paths.Add(path);
                    if (child is not null)
                    {
                        paths.AddRange(KeyPaths(child, path));
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array.Where(i => i is JsonObject).Take(1))
                {
                    paths.AddRange(KeyPaths(item!, prefix + "[]"));
                }

                break;
        }

        return paths;
    }
}

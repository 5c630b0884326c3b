using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Cpaas.Client.Models;

namespace Cpaas.Client.Tests.Serialization;

/// <summary>
/// Every request and response example of the API documentation (Fixtures/) read into the client's wire type and written
/// back: a key the models lack, misname or mistype shows up as a difference.
/// </summary>
public sealed class SeedRoundTripTests
{
    public static TheoryData<string> Fixtures() =>
    [
        "list.response.json", "get.response.json",
        "add.request.json", "add.response.json",
        "edit.request.json", "edit.response.json",
        "reset_key.response.json",
        "video.request.json", "video.response.json",
        "voice.request.json", "voice.response.json",
        "sms.request.json", "sms.response.json",
        "video_embed.request.json", "video_embed.response.json",
    ];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Seed_example_survives_a_round_trip_through_its_wire_type(string fixture)
    {
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture)))!;
        var typeInfo = TypeInfoFor(fixture);

        var model = JsonSerializer.Deserialize(original.ToJsonString(), typeInfo)!;
        var written = JsonNode.Parse(JsonSerializer.Serialize(model, typeInfo))!;

        // The envelope keeps result as the text it was sent as.
        if (original is JsonObject { } obj && obj["result"] is { } result)
        {
            obj["result"] = result.ToJsonString().Trim('"');
        }

        Assert.True(JsonNode.DeepEquals(original, written), $"{fixture}:\nseed:    {original.ToJsonString()}\nwritten: {written.ToJsonString()}");
    }

    [Fact]
    public void Get_and_patch_video_shapes_differ_where_the_seed_says()
    {
        var get = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "get.response.json")))!;
        var patch = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "video.request.json")))!;

        Assert.NotNull(get["project"]!["video"]!["recording_delivery"]);
        Assert.Null(get["project"]!["video"]!["recording"]!["delivery"]);
        Assert.NotNull(patch["recording"]!["delivery"]!["s3"]);
        Assert.Null(patch["recording_delivery"]);
    }

    private static JsonTypeInfo TypeInfoFor(string fixture) => fixture switch
    {
        "list.response.json" => CpaasJsonContext.Default.ProjectListResponse,
        "get.response.json" => CpaasJsonContext.Default.ProjectGetResponse,
        "add.request.json" => CpaasJsonContext.Default.ProjectCreateRequest,
        "add.response.json" or "reset_key.response.json" => CpaasJsonContext.Default.ProjectCredentialsResponse,
        "edit.request.json" => CpaasJsonContext.Default.ProjectUpdateRequest,
        "edit.response.json" or "video.response.json" or "voice.response.json" or "sms.response.json" => CpaasJsonContext.Default.ProjectUpdatedResponse,
        "video.request.json" => CpaasJsonContext.Default.VideoSettingsPatch,
        "voice.request.json" => CpaasJsonContext.Default.VoiceSettingsPatch,
        "sms.request.json" => CpaasJsonContext.Default.SmsSettings,
        "video_embed.request.json" => CpaasJsonContext.Default.VideoEmbedPatch,
        "video_embed.response.json" => CpaasJsonContext.Default.VideoEmbedResponse,
        _ => throw new ArgumentOutOfRangeException(nameof(fixture), fixture, null),
    };
}

using System.Text.Json;
using Cpaas.Client.Models;

namespace Cpaas.Client.Tests.Serialization;

public sealed class LenientReaderTests
{
    private static ServicesIncluded Services(string json) =>
        JsonSerializer.Deserialize(json, CpaasJsonContext.Default.ServicesIncluded)!;

    [Theory]
    [InlineData("true", true)]
    [InlineData("\"true\"", true)]
    [InlineData("\"TRUE\"", true)]
    [InlineData("1", true)]
    [InlineData("\"1\"", true)]
    [InlineData("\"yes\"", true)]
    [InlineData("false", false)]
    [InlineData("\"false\"", false)]
    [InlineData("0", false)]
    [InlineData("\"0\"", false)]
    [InlineData("\"\"", null)]
    [InlineData("null", null)]
    [InlineData("\"maybe\"", null)]
    [InlineData("{\"x\":1}", null)]
    public void Boolean_is_read_from_every_common_encoding(string value, bool? expected) =>
        Assert.Equal(expected, Services($$"""{"video":{{value}},"sms":true}""").Video);

    [Fact]
    public async Task An_object_where_a_value_belongs_is_skipped_in_a_response_read_as_a_stream()
    {
        // Larger than the serializer's first read buffer on both sides, so the reader is never over the final block.
        var padding = new string('x', 40 * 1024);
        var json = $$"""{"video":{"unexpected":"{{padding}}"},"sms":true,"padding":"{{padding}}"}""";
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));

        var services = await JsonSerializer.DeserializeAsync(stream, CpaasJsonContext.Default.ServicesIncluded);

        Assert.Null(services!.Video);
        Assert.True(services.Sms);
    }

    [Theory]
    [InlineData("21", 21)]
    [InlineData("\"21\"", 21)]
    [InlineData("\" 21 \"", 21)]
    [InlineData("\"21.0\"", 21)]
    [InlineData("21.5", null)]
    [InlineData("\"\"", null)]
    [InlineData("\"abc\"", null)]
    public void Integer_is_read_from_number_or_string(string value, int? expected) =>
        Assert.Equal(expected, JsonSerializer.Deserialize($$"""{"port":{{value}}}""", CpaasJsonContext.Default.FtpDelivery)!.Port);

    [Theory]
    [InlineData("0.3", 0.3)]
    [InlineData("\"0.3\"", 0.3)]
    [InlineData("1", 1.0)]
    [InlineData("\"\"", null)]
    public void Number_is_read_from_number_or_string(string value, double? expected) =>
        Assert.Equal(expected, JsonSerializer.Deserialize($$"""{"opacity":{{value}}}""", CpaasJsonContext.Default.RecordingWatermark)!.Opacity);

    [Theory]
    [InlineData("\"91\"", "91")]
    [InlineData("91", "91")]
    [InlineData("true", "true")]
    [InlineData("[1]", null)]
    public void String_is_read_from_a_number_or_boolean_as_its_text(string value, string? expected) =>
        Assert.Equal(expected, JsonSerializer.Deserialize($$"""{"country_code":{{value}}}""", CpaasJsonContext.Default.VideoPhoneNumber)!.CountryCode);

    [Theory]
    [InlineData("\"2024-03-01T10:00:00Z\"")]
    [InlineData("\"2024-03-01T10:00:00.000Z\"")]
    [InlineData("\"2024-03-01 10:00:00\"")]
    [InlineData("\"2024-03-01T11:00:00+01:00\"")]
    [InlineData("1709287200")]
    [InlineData("1709287200000")]
    [InlineData("\"1709287200\"")]
    public void Date_is_read_from_iso_text_or_unix_time(string value)
    {
        var project = JsonSerializer.Deserialize($$"""{"created_at":{{value}}}""", CpaasJsonContext.Default.ProjectSummary)!;
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero), project.CreatedAt);
    }

    [Fact]
    public void Unreadable_date_becomes_null_rather_than_failing_the_response() =>
        Assert.Null(JsonSerializer.Deserialize("""{"created_at":"soon","app_id":"a"}""", CpaasJsonContext.Default.ProjectSummary)!.CreatedAt);

    [Theory]
    [InlineData("""{"result":1}""", true, 1)]
    [InlineData("""{"result":"1"}""", true, 1)]
    [InlineData("""{"result":" 1 "}""", true, 1)]
    [InlineData("""{"result":1.0}""", true, 1)]
    [InlineData("""{"result":0}""", false, 0)]
    [InlineData("""{"result":"1007"}""", false, 1007)]
    [InlineData("""{"result":1007}""", false, 1007)]
    [InlineData("""{"result":"error"}""", false, null)]
    [InlineData("""{}""", false, null)]
    public void Result_is_success_only_when_it_is_one_as_number_or_string(string json, bool success, int? code)
    {
        var envelope = JsonSerializer.Deserialize(json, CpaasJsonContext.Default.CpaasEnvelope)!;
        Assert.Equal(success, envelope.IsSuccess);
        Assert.Equal(code, envelope.ResultCode);
    }

    [Fact]
    public void Message_comes_from_msg_or_else_error()
    {
        Assert.Equal("a", JsonSerializer.Deserialize("""{"result":2,"msg":"a","error":"b"}""", CpaasJsonContext.Default.CpaasEnvelope)!.Message);
        Assert.Equal("b", JsonSerializer.Deserialize("""{"result":2,"error":"b"}""", CpaasJsonContext.Default.CpaasEnvelope)!.Message);
        Assert.Equal("b", JsonSerializer.Deserialize("""{"result":2,"msg":"","error":"b"}""", CpaasJsonContext.Default.CpaasEnvelope)!.Message);
    }

    [Fact]
    public void Unknown_keys_at_any_depth_are_ignored()
    {
        var response = JsonSerializer.Deserialize(
            """{"result":1,"extra":[1,{"a":2}],"project":{"app_id":"x","new_thing":{"deep":true},"video":{"future":1,"notification_url":"u"}}}""",
            CpaasJsonContext.Default.ProjectGetResponse)!;
        Assert.Equal("x", response.Project!.AppId);
        Assert.Equal("u", response.Project.Video!.NotificationUrl);
    }
}

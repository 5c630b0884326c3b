using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cpaas.Sandbox.Tests.Support;

/// <summary>A raw HTTP answer: status, headers and the JSON body as a tree.</summary>
internal sealed record WireResponse(HttpStatusCode Status, JsonNode? Body, HttpResponseHeaders Headers)
{
    public JsonObject Json => Body as JsonObject ?? throw new InvalidOperationException("The body is not a JSON object.");

    /// <summary>The envelope's result as text, whether it was sent as a number or a string.</summary>
    public string Result => Json["result"] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture),
        var other => throw new InvalidOperationException($"result is {other?.ToJsonString() ?? "missing"}"),
    };

    public string Msg => Json["msg"]?.GetValue<string>() ?? string.Empty;

    public void AssertSuccess()
    {
        Assert.True(Status == HttpStatusCode.OK && Result == "1", $"Expected success, got {(int)Status} {Body?.ToJsonString()}");
    }

    /// <summary>Asserts an error envelope with the code and the HTTP status.</summary>
    public void AssertError(int code, HttpStatusCode status)
    {
        Assert.True(
            Status == status && Result == code.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"Expected {(int)status} result {code}, got {(int)Status} {Body?.ToJsonString()}");
        Assert.False(string.IsNullOrEmpty(Msg), "An error carries a msg.");
    }
}

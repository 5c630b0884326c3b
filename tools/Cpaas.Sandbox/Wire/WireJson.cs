using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cpaas.Sandbox.Wire;

internal static class WireJson
{
    /// <summary>Readable output ("1+", quotes in iframe snippets unescaped); still valid JSON for any client.</summary>
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node) => node.ToJsonString(Options);
}

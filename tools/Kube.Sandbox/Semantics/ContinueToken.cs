using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kube.Sandbox.Http;

namespace Kube.Sandbox.Semantics;

/// <summary>An opaque list continuation: the list's resourceVersion and the last key returned.</summary>
public sealed record ContinueToken(long ResourceVersion, string StartAfter)
{
    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["rv"] = ResourceVersion, ["start"] = StartAfter }.ToJsonString()));

    public static ContinueToken Decode(string token)
    {
        try
        {
            var json = JsonNode.Parse(Convert.FromBase64String(token))!;
            return new ContinueToken((long)json["rv"]!, (string)json["start"]!);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or NullReferenceException)
        {
            throw ApiException.BadRequest("continue key is not valid: invalid continue token");
        }
    }
}

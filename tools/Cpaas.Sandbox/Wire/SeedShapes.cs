using System.Text.Json.Nodes;

namespace Cpaas.Sandbox.Wire;

/// <summary>
/// The JSON examples of the API documentation (Wire/Shapes/*.json, copied verbatim): request shapes validate what callers send,
/// response shapes decide which stored keys a GET or a listing shows. Following the documentation's own examples keeps the
/// sandbox from drifting into habits of its own.
/// </summary>
internal sealed class SeedShapes
{
    public required JsonObject ListItem { get; init; }
    public required JsonObject GetProject { get; init; }
    public required JsonObject AddRequest { get; init; }
    public required JsonObject EditRequest { get; init; }
    public required JsonObject PatchVideo { get; init; }
    public required JsonObject PatchVoice { get; init; }
    public required JsonObject PatchSms { get; init; }
    public required JsonObject PatchVideoEmbed { get; init; }

    public static SeedShapes Load() => new()
    {
        ListItem = Read("list-item"),
        GetProject = Read("get-project"),
        AddRequest = Read("add-request"),
        EditRequest = Read("edit-request"),
        PatchVideo = Read("patch-video"),
        PatchVoice = Read("patch-voice"),
        PatchSms = Read("patch-sms"),
        PatchVideoEmbed = Read("patch-video-embed"),
    };

    private static JsonObject Read(string name)
    {
        var resource = $"Cpaas.Sandbox.Shapes.{name}.json";
        using var stream = typeof(SeedShapes).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded shape {resource} is missing.");
        return JsonNode.Parse(stream)?.AsObject()
            ?? throw new InvalidOperationException($"Embedded shape {resource} is not a JSON object.");
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// The annotation written (with a resourceVersion precondition) before POST add, so that an operator that crashes
/// between the POST and the status write can find the project it created instead of creating a second one.
/// </summary>
public sealed record PendingCreateMarker(DateTimeOffset StartedAt, string AppName)
{
    public string Format() => JsonSerializer.Serialize(
        new Wire(StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), AppName),
        PendingCreateMarkerJsonContext.Default.Wire);

    /// <summary>Parses the annotation; null when absent or unreadable (an edited marker is treated as none, and a fresh one is written).</summary>
    public static PendingCreateMarker? Parse(string? annotation)
    {
        if (string.IsNullOrWhiteSpace(annotation))
        {
            return null;
        }

        try
        {
            var wire = JsonSerializer.Deserialize(annotation, PendingCreateMarkerJsonContext.Default.Wire);
            if (wire?.Time is null || wire.AppName is null ||
                !DateTimeOffset.TryParse(wire.Time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                return null;
            }

            return new PendingCreateMarker(time, wire.AppName);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal sealed record Wire(
        [property: JsonPropertyName("time")] string? Time,
        [property: JsonPropertyName("appName")] string? AppName);
}

[JsonSerializable(typeof(PendingCreateMarker.Wire))]
internal sealed partial class PendingCreateMarkerJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video-embed options.toolbar_setup.</summary>
[Description("Toolbar buttons.")]
public sealed record ToolbarSetupSpec
{
    [JsonPropertyName("screenshare")]
    [Description("Screen share button (screenshare).")]
    public ToolbarButtonSpec? Screenshare { get; init; }

    [JsonPropertyName("whiteboard")]
    [Description("Whiteboard button (whiteboard).")]
    public ToolbarButtonSpec? Whiteboard { get; init; }

    [JsonPropertyName("livestream")]
    [Description("Live stream button (livestream).")]
    public ToolbarButtonSpec? Livestream { get; init; }

    [JsonPropertyName("floorControl")]
    [Description("Floor control button (floorControl).")]
    public ToolbarButtonSpec? FloorControl { get; init; }

    [JsonPropertyName("lobby")]
    [Description("Lobby button (lobby).")]
    public ToolbarButtonSpec? Lobby { get; init; }

    [JsonPropertyName("breakoutRoom")]
    [Description("Breakout room button (breakoutRoom).")]
    public ToolbarButtonSpec? BreakoutRoom { get; init; }

    [JsonPropertyName("lockRoom")]
    [Description("Lock room button (lockRoom).")]
    public ToolbarButtonSpec? LockRoom { get; init; }

    [JsonPropertyName("backgroundReplacement")]
    [Description("Background replacement button (backgroundReplacement).")]
    public ToolbarButtonSpec? BackgroundReplacement { get; init; }

    [JsonPropertyName("chat")]
    [Description("Chat button (chat).")]
    public ToolbarButtonSpec? Chat { get; init; }

    [JsonPropertyName("recording")]
    [Description("Recording button (recording).")]
    public ToolbarButtonSpec? Recording { get; init; }

    [JsonPropertyName("annotation")]
    [Description("Annotation button (annotation).")]
    public ToolbarButtonSpec? Annotation { get; init; }
}

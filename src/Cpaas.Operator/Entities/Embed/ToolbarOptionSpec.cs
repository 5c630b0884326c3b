using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video-embed options.toolbar.</summary>
[Description("Toolbar behaviour.")]
public sealed record ToolbarOptionSpec
{
    [JsonPropertyName("draggable")]
    [Description("Toolbar can be dragged (draggable).")]
    public bool? Draggable { get; init; }

    [JsonPropertyName("fixed")]
    [Description("Toolbar is fixed (fixed).")]
    public bool? Fixed { get; init; }
}

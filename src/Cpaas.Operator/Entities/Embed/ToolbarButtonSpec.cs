using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video-embed options.toolbar_setup.*.</summary>
[Description("A toolbar button.")]
public sealed record ToolbarButtonSpec
{
    [JsonPropertyName("enabled")]
    [Description("Button shown (enabled).")]
    public bool? Enabled { get; init; }

    [JsonPropertyName("kebab")]
    [Description("Button placed in the overflow (kebab) menu (kebab).")]
    public bool? Kebab { get; init; }
}

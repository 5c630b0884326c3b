using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video-embed access_mode.</summary>
[Description("Access modes of the embed.")]
public sealed record EmbedAccessModeSpec
{
    [JsonPropertyName("iframe")]
    [Description("Embedding in iframes (iframe).")]
    public EmbedIframeSpec? Iframe { get; init; }
}

using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video-embed access_mode.iframe.</summary>
[Description("Embedding in iframes.")]
public sealed record EmbedIframeSpec
{
    [JsonPropertyName("enabled")]
    [Description("Iframe embedding allowed (enabled).")]
    public bool? Enabled { get; init; }

    [JsonPropertyName("iframingHosts")]
    [Description("Hosts allowed to embed the room in an iframe (iframing_hosts). The list is managed as a whole.")]
    public IList<string>? IframingHosts { get; init; }
}

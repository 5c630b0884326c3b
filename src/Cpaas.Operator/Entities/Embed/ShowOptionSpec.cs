using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>PATCH video-embed options.co_browsing and options.whiteboard.</summary>
[Description("A feature that is shown or hidden.")]
public sealed record ShowOptionSpec
{
    [JsonPropertyName("show")]
    [Description("Show the feature (show).")]
    public bool? Show { get; init; }
}

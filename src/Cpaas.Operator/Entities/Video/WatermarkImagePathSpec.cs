using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;
using YamlDotNet.Serialization;

namespace Cpaas.Operator.Entities;

/// <summary>
/// PATCH video.recording.watermark.img_path: one image per region, keys as in the API. The upper-case keys need a YAML
/// alias too: KubernetesYaml names members by camel-casing the C# name, not by [JsonPropertyName].
/// </summary>
[Description("Watermark image path per region; the keys are the API's region codes.")]
public sealed record WatermarkImagePathSpec
{
    [JsonPropertyName("IN")]
    [YamlMember(Alias = "IN", ApplyNamingConventions = false)]
    [Description("Image path for the IN region (IN).")]
    [MaxLength(2048)]
    public string? IN { get; init; }

    [JsonPropertyName("DE")]
    [YamlMember(Alias = "DE", ApplyNamingConventions = false)]
    [Description("Image path for the DE region (DE).")]
    [MaxLength(2048)]
    public string? DE { get; init; }

    [JsonPropertyName("US")]
    [YamlMember(Alias = "US", ApplyNamingConventions = false)]
    [Description("Image path for the US region (US).")]
    [MaxLength(2048)]
    public string? US { get; init; }

    [JsonPropertyName("SG")]
    [YamlMember(Alias = "SG", ApplyNamingConventions = false)]
    [Description("Image path for the SG region (SG).")]
    [MaxLength(2048)]
    public string? SG { get; init; }
}

using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>Video embed settings: a camelCase mirror of PATCH /projects/{app_id}/video-embed. GET returns none of it.</summary>
[Description("Video embed settings (PATCH video-embed). Write-only: GET returns none of it, so changes are detected by salted hashes of the last applied input. Setting it creates the embed room; its URLs go to status and the connection Secret.")]
public sealed record EmbedSpec
{
    [JsonPropertyName("subdomain")]
    [Description("Subdomain of the embed site (subdomain): a DNS label, unique across the platform.")]
    [Pattern(SchemaPatterns.DnsLabel), MinLength(1), MaxLength(63)]
    public string? Subdomain { get; init; }

    [JsonPropertyName("embedTemplateId")]
    [Description("Embed template id (embed_template_id).")]
    [MaxLength(256)]
    public string? EmbedTemplateId { get; init; }

    [JsonPropertyName("accessMode")]
    [Description("How the embed may be accessed (access_mode).")]
    public EmbedAccessModeSpec? AccessMode { get; init; }

    [JsonPropertyName("exitUrl")]
    [Description("URL participants are sent to on exit (exit_url).")]
    [Pattern(SchemaPatterns.HttpUrlOrEmpty), MaxLength(2048)]
    public string? ExitUrl { get; init; }

    [JsonPropertyName("options")]
    [Description("Embed room user interface options (options).")]
    public EmbedOptionsSpec? Options { get; init; }

    [JsonPropertyName("videoBackgroundColor")]
    [Description("Video background colour (video_background_color), for example #323548.")]
    [Pattern(SchemaPatterns.HexColorOrEmpty)]
    public string? VideoBackgroundColor { get; init; }
}

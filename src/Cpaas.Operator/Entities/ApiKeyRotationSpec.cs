using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>Asks for a new app key: each new token leads to exactly one reset_key call.</summary>
[Description("Rotation of the project's app key.")]
public sealed record ApiKeyRotationSpec
{
    [JsonPropertyName("requestedAt")]
    [Description("Opaque token (for example a timestamp). Each new value resets the app key exactly once; the new key is written to the connection Secret.")]
    [MinLength(1), MaxLength(253)]
    public string? RequestedAt { get; init; }
}

using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>
/// A key of a Secret in the resource's own namespace. Every password, key, secret or access file of the spec is
/// one of these, never an inline string. A record, so it can key the dictionary of resolved secret values.
/// </summary>
[Description("A key of a Secret in the same namespace as the CpaasProject.")]
public sealed record SecretKeySelector
{
    [JsonPropertyName("name")]
    [Description("Name of the Secret, in the same namespace as the CpaasProject.")]
    [Required, MinLength(1), MaxLength(253), Pattern(SchemaPatterns.DnsSubdomain)]
    public string Name { get; init; } = string.Empty;

    [JsonPropertyName("key")]
    [Description("Key in the Secret's data whose value is used.")]
    [Required, MinLength(1), MaxLength(253), Pattern(SchemaPatterns.SecretDataKey)]
    public string Key { get; init; } = string.Empty;
}

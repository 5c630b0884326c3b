using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>A whole Secret in the resource's own namespace, by name.</summary>
[Description("A Secret in the same namespace as the CpaasProject.")]
public sealed record SecretReference
{
    [JsonPropertyName("name")]
    [Description("Name of the Secret, in the same namespace as the CpaasProject.")]
    [Required, MinLength(1), MaxLength(253), Pattern(SchemaPatterns.DnsSubdomain)]
    public string Name { get; init; } = string.Empty;
}

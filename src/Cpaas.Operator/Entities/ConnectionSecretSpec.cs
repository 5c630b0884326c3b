using System.Text.Json.Serialization;
using Cpaas.Operator.Crds;

namespace Cpaas.Operator.Entities;

/// <summary>Where the operator writes the project's connection details.</summary>
[Description("The connection Secret written by the operator.")]
public sealed record ConnectionSecretSpec
{
    [JsonPropertyName("name")]
    [Description("Name of the Secret, in the same namespace. Default <metadata.name>-cpaas.")]
    [MinLength(1), MaxLength(253), Pattern(SchemaPatterns.DnsSubdomain)]
    public string? Name { get; init; }
}

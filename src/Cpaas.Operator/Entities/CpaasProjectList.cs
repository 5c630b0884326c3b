using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Cpaas.Operator.Entities;

/// <summary>The list kind the API server returns for <c>GET .../cpaasprojects</c>.</summary>
public sealed class CpaasProjectList : IKubernetesObject<V1ListMeta>, IItems<CpaasProject>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = WellKnownNames.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = WellKnownNames.Kind + "List";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<CpaasProject> Items { get; set; } = [];
}

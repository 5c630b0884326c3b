using System.Text.Json.Serialization;
using k8s.Models;

namespace Controller.Runtime.Client;

/// <summary>One page of a list response for any kind: list metadata (resourceVersion, continue) and items.</summary>
public sealed class ResourceList<T>
{
    [JsonPropertyName("metadata")]
    public V1ListMeta? Metadata { get; set; }

    [JsonPropertyName("items")]
    public IList<T>? Items { get; set; }
}

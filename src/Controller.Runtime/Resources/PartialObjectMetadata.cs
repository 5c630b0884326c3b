using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Controller.Runtime.Resources;

/// <summary>
/// meta.k8s.io/v1 PartialObjectMetadata: an object's metadata and nothing else, what the API server answers to
/// <c>Accept: application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1</c> (KubernetesClient has no model for
/// it). Which kind it describes is known from the request, not from the object. Read with <see cref="Client.MetadataClient"/>.
/// </summary>
public sealed class PartialObjectMetadata : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "meta.k8s.io/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "PartialObjectMetadata";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();
}

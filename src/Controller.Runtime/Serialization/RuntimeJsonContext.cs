using System.Text.Json;
using System.Text.Json.Serialization;
using Controller.Runtime.Resources;
using k8s.Models;

namespace Controller.Runtime.Serialization;

/// <summary>
/// What the runtime itself reads and writes: metadata-only objects (KubernetesClient has no model for them), list
/// metadata, Status and DeleteOptions, the leader-election Lease and Events; and JsonElement, as which the models'
/// free-form <c>object</c> fields (a CRD's status subresource, schema defaults) are read, so they write back.
/// Only these models, not KubernetesClient.Aot's context of every model: a Native AOT executable keeps each type a
/// context names (about 1,000 models would add tens of MB to the process).
/// </summary>
[JsonSerializable(typeof(PartialObjectMetadata))]
[JsonSerializable(typeof(V1ListMeta))]
[JsonSerializable(typeof(V1Status))]
[JsonSerializable(typeof(V1DeleteOptions))]
[JsonSerializable(typeof(V1Lease))]
[JsonSerializable(typeof(Corev1Event))]
[JsonSerializable(typeof(JsonElement))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;

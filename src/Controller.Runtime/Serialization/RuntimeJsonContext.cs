using System.Text.Json;
using System.Text.Json.Serialization;
using Controller.Runtime.Resources;

namespace Controller.Runtime.Serialization;

/// <summary>
/// The runtime's own wire types (KubernetesClient has no model for them), and JsonElement: the models' free-form
/// <c>object</c> fields (a CRD's status subresource, schema defaults) read as JsonElement and must write back.
/// </summary>
[JsonSerializable(typeof(PartialObjectMetadata))]
[JsonSerializable(typeof(JsonElement))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;

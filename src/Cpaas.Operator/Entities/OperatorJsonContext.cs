using System.Text.Json.Serialization;

namespace Cpaas.Operator.Entities;

/// <summary>
/// Source-generated JSON metadata of the operator's own Kubernetes types: what the runtime reads from and writes to
/// the API server without reflection (a Native AOT executable has none). The k8s models inside them (metadata,
/// conditions) resolve from KubernetesClient.Aot's own context; see <see cref="OperatorJson"/>.
/// </summary>
[JsonSerializable(typeof(CpaasProject))]
[JsonSerializable(typeof(CpaasProjectList))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
public sealed partial class OperatorJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;
using k8s.Models;

namespace Cpaas.Operator.Crds;

/// <summary>The CustomResourceDefinition models, for writing the generated CRDs (only these models are compiled in).</summary>
[JsonSerializable(typeof(V1CustomResourceDefinition))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class CrdJsonContext : JsonSerializerContext;

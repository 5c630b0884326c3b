using System.Text.Json.Serialization;
using k8s.Models;

namespace Cpaas.Operator.Entities;

/// <summary>
/// Source-generated JSON metadata of what the operator reads from and writes to the API server beyond the runtime's
/// own types: its custom resource, the summary of it the informer decodes (<see cref="Summary.CpaasProjectSummary"/>)
/// and the Secrets (connection Secrets, referenced inputs). No reflection (a Native
/// AOT executable has none), and only these models are compiled in; see <see cref="OperatorJson"/>.
/// </summary>
[JsonSerializable(typeof(CpaasProject))]
[JsonSerializable(typeof(CpaasProjectList))]
[JsonSerializable(typeof(Summary.CpaasProjectSummary))]
[JsonSerializable(typeof(V1Secret))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
public sealed partial class OperatorJsonContext : JsonSerializerContext;

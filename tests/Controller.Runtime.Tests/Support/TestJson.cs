using System.Text.Json.Serialization;
using Controller.Runtime.Serialization;
using k8s;

namespace Controller.Runtime.Tests.Support;

/// <summary>The tests' custom kind, registered as an operator registers its own (source-generated, no reflection).</summary>
[JsonSerializable(typeof(Widget))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class TestJsonContext : JsonSerializerContext;

internal static class TestJson
{
    /// <summary>Widget and every built-in kind (ConfigMaps, Secrets...).</summary>
    public static KubeJson Kube { get; } = new(TestJsonContext.Default, SourceGenerationContext.Default);
}

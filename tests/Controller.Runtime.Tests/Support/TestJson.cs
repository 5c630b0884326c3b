using System.Text.Json.Serialization;
using Controller.Runtime.Serialization;

namespace Controller.Runtime.Tests.Support;

/// <summary>The tests' custom kind, registered as an operator registers its own (source-generated, no reflection).</summary>
[JsonSerializable(typeof(Widget))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class TestJsonContext : JsonSerializerContext;

internal static class TestJson
{
    public static KubeJson Kube { get; } = new(TestJsonContext.Default);
}

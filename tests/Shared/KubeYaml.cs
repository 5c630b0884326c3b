using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Controller.Runtime.Serialization;
using Cpaas.Operator.Entities;
using k8s.Models;

namespace Cpaas.Operator.TestSupport;

/// <summary>
/// Reads YAML manifests into typed objects (what KubernetesClient's KubernetesYaml did; KubernetesClient.Aot keeps
/// it internal): each document through <see cref="YamlJson"/> to JSON, then the operator's JSON
/// with every built-in kind (<see cref="Json"/>) by apiVersion and kind. Strict rejects a field the type does not have. One copy,
/// linked into the test projects that read manifests.
/// </summary>
internal static class KubeYaml
{
    /// <summary>The operator's JSON plus every built-in kind of KubernetesClient.Aot (Deployments, RBAC, CRDs...). First: the initializers below read it.</summary>
    public static KubeJson Json { get; } = new(OperatorJsonContext.Default, k8s.SourceGenerationContext.Default);

    private static readonly JsonSerializerOptions StrictOptions = new(Json.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    // Reflection is fine in tests: every model of KubernetesClient.Aot by "apiVersion/kind", and the operator's kind.
    private static readonly Dictionary<string, Type> Kinds = typeof(V1Secret).Assembly.GetTypes()
        .Select(type => (Type: type, Entity: type.GetCustomAttribute<KubernetesEntityAttribute>()))
        .Where(t => t.Entity is not null && !t.Type.Name.EndsWith("List", StringComparison.Ordinal))
        .Select(t => (Key: $"{(string.IsNullOrEmpty(t.Entity!.Group) ? "" : t.Entity.Group + "/")}{t.Entity.ApiVersion}/{t.Entity.Kind}", t.Type))
        .Append((Key: $"{WellKnownNames.ApiVersion}/{WellKnownNames.Kind}", Type: typeof(CpaasProject)))
        .DistinctBy(t => t.Key)
        .ToDictionary(t => t.Key, t => t.Type);

    /// <summary>Every object document, typed by its apiVersion and kind.</summary>
    public static List<object> LoadAll(string yaml, bool strict = false) =>
        [.. YamlJson.Objects(yaml).Select(document => Read(document, KindOf(document), strict))];

    public static T Load<T>(string yaml, bool strict = false) => (T)Read(YamlJson.Single(yaml), typeof(T), strict);

    private static Type KindOf(JsonObject document)
    {
        var key = $"{document["apiVersion"]?.GetValue<string>()}/{document["kind"]?.GetValue<string>()}";
        return Kinds.TryGetValue(key, out var type) ? type : throw new InvalidOperationException($"No model for {key}.");
    }

    private static object Read(JsonObject document, Type type, bool strict) =>
        document.Deserialize((strict ? StrictOptions : Json.Options).GetTypeInfo(type))
        ?? throw new JsonException($"A {type.Name} document was null.");
}

using Cpaas.Operator.Crds;
using Cpaas.Operator.Entities;
using k8s.Models;

namespace Cpaas.Operator.Tests.Support;

/// <summary>The CpaasProject CRD and schema as the generator produces them now.</summary>
internal static class GeneratedSchema
{
    public static V1CustomResourceDefinition Crd => CrdGenerator.Generate(typeof(CpaasProject));

    public static V1JSONSchemaProps Root => Crd.Spec.Versions.Single().Schema.OpenAPIV3Schema;

    public static V1JSONSchemaProps Spec => Root.Properties["spec"];

    /// <summary>Every property below <paramref name="schema"/> as (dotted path, schema), arrays as "name[]".</summary>
    public static IEnumerable<(string Path, V1JSONSchemaProps Schema)> Walk(V1JSONSchemaProps schema, string prefix)
    {
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
        {
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            yield return (path, property);
            foreach (var nested in WalkValue(property, path))
            {
                yield return nested;
            }
        }
    }

    private static IEnumerable<(string Path, V1JSONSchemaProps Schema)> WalkValue(V1JSONSchemaProps schema, string path) =>
        schema.Type switch
        {
            "object" => Walk(schema, path),
            "array" when schema.Items is V1JSONSchemaProps items => WalkValue(items, path + "[]"),
            _ => [],
        };
}

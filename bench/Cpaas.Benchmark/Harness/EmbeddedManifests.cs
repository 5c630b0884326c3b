using System.Text.Json.Nodes;
using Cpaas.Benchmark.Harness.Kube;

namespace Cpaas.Benchmark.Harness;

/// <summary>The repository's manifests, embedded at build time: the CRD, the RBAC objects and the "full" sample.</summary>
public static class EmbeddedManifests
{
    public static IReadOnlyList<JsonObject> Crd() => Load("Manifests.crd.yaml");

    public static IReadOnlyList<JsonObject> Rbac() =>
        typeof(EmbeddedManifests).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Manifests.rbac.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SelectMany(Load)
            .ToList();

    /// <summary>The full sample: its input Secret and its CpaasProject (all four sections).</summary>
    public static (JsonObject Secret, JsonObject Project) FullSample()
    {
        var documents = Load("Manifests.full-project.yaml");
        return (documents.Single(d => d["kind"]?.GetValue<string>() == "Secret"),
                documents.Single(d => d["kind"]?.GetValue<string>() == "CpaasProject"));
    }

    private static IReadOnlyList<JsonObject> Load(string name)
    {
        using var stream = typeof(EmbeddedManifests).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded manifest {name} is missing");
        using var reader = new StreamReader(stream);
        return YamlDocuments.Parse(reader.ReadToEnd());
    }
}

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

    /// <summary>The full sample of config/sandbox-samples: its input Secret and its CpaasProject (every field of all four sections).</summary>
    public static (JsonObject Secret, JsonObject Project) FullSample()
    {
        var project = Load("Manifests.full-project.yaml").Single(d => d["kind"]?.GetValue<string>() == "CpaasProject");
        var secret = Load("Manifests.sample-secrets.yaml").Single(d => d["metadata"]?["name"]?.GetValue<string>() == "full-demo-secrets");
        return (secret, project);
    }

    private static IReadOnlyList<JsonObject> Load(string name)
    {
        using var stream = typeof(EmbeddedManifests).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded manifest {name} is missing");
        using var reader = new StreamReader(stream);
        return YamlDocuments.Parse(reader.ReadToEnd());
    }
}

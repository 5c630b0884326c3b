using System.Globalization;
using System.Text.Json.Nodes;
using Cpaas.Benchmark.Harness.Kube;

namespace Cpaas.Benchmark.Harness;

/// <summary>
/// CpaasProjects built from the repository's "full" sample (video, voice, SMS and embed, every password from a
/// Secret), made unique per resource: name, appName, embed subdomain and connection Secret. Resources of one
/// namespace share that namespace's input Secret, as a team's projects would.
/// </summary>
public sealed class ProjectTemplate
{
    public const string InputSecretName = "full-demo-secrets";

    private readonly JsonObject _project;
    private readonly JsonObject _secret;

    public ProjectTemplate()
    {
        (_secret, _project) = EmbeddedManifests.FullSample();
    }

    /// <summary>The input Secret (passwords, keys, access file) for one namespace.</summary>
    public JsonObject InputSecret(string ns)
    {
        var copy = _secret.DeepClone().AsObject();
        copy["metadata"] = new JsonObject { ["name"] = InputSecretName, ["namespace"] = ns };
        return copy;
    }

    public JsonObject Project(string ns, string name)
    {
        var copy = _project.DeepClone().AsObject();
        copy["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns };
        var spec = copy["spec"]!.AsObject();
        spec["appName"] = $"{ns}.{name}";
        spec.Remove("connectionSecret"); // default: <name>-cpaas
        spec["embed"]!["subdomain"] = Subdomain(ns, name);
        return copy;
    }

    /// <summary>Default connection Secret name of a resource.</summary>
    public static string ConnectionSecretName(string name) => $"{name}-cpaas";

    public static string ResourceName(int index) => string.Create(CultureInfo.InvariantCulture, $"p{index:D5}");

    /// <summary>A unique DNS label of at most 63 characters.</summary>
    public static string Subdomain(string ns, string name)
    {
        var label = $"{ns}-{name}".ToLowerInvariant();
        return label.Length <= 63 ? label : label[..63].TrimEnd('-');
    }

    public static string Path(string ns, string name) => ManifestPaths.Project(ns, name);
}

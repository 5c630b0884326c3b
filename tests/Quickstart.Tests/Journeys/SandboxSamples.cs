using System.Text.Json.Nodes;
using Quickstart.Tests.Support;

namespace Quickstart.Tests.Journeys;

/// <summary>One sample of config/sandbox-samples (config/samples with the CPaaS sandbox's values), as kustomize renders it.</summary>
internal static class SandboxSamples
{
    /// <summary>The CpaasProject <paramref name="name"/> and its Secrets (named <c>NAME-...</c>) as one v1 List for <c>kubectl apply -f -</c>.</summary>
    public static async Task<string> ProjectAsync(OperatorFixture fixture, string name)
    {
        var rendered = (await fixture.KubectlAsync("kustomize", RepositoryRoot.File("config", "sandbox-samples"))).EnsureSuccess().StdOut;
        var items = YamlJson.Objects(rendered)
            .Where(o => o["metadata"]!["name"]!.GetValue<string>() is var n && (n == name || n.StartsWith(name + "-", StringComparison.Ordinal)))
            .Select(o => (JsonNode)o.DeepClone())
            .ToArray();
        Assert.Contains(items, o => o["kind"]!.GetValue<string>() == "CpaasProject");
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray(items) }.ToJsonString();
    }
}

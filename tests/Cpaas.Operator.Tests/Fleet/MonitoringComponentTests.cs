using Cpaas.Operator.Tests.Support;

namespace Cpaas.Operator.Tests.Fleet;

/// <summary>config/prometheus is an optional kustomize component: config/default stays installable without the Prometheus Operator's CRDs.</summary>
public sealed class MonitoringComponentTests : IDisposable
{
    private readonly string _overlay = Directory.CreateTempSubdirectory("monitoring-overlay-").FullName;

    [Fact]
    public async Task Default_has_no_Prometheus_Operator_objects()
    {
        var yaml = await Kustomize.BuildAsync(RepositoryPaths.Combine("config", "default"));

        Assert.DoesNotContain("monitoring.coreos.com", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overlay_with_the_component_adds_the_metrics_Service_ServiceMonitor_and_PrometheusRule_in_cpaas_system()
    {
        await File.WriteAllTextAsync(Path.Combine(_overlay, "kustomization.yaml"), $"""
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - {Path.GetRelativePath(_overlay, RepositoryPaths.Combine("config", "default"))}
            components:
              - {Path.GetRelativePath(_overlay, RepositoryPaths.Combine("config", "prometheus"))}
            """);

        var documents = YamlJson.Documents(await Kustomize.BuildAsync(_overlay)).Select(d => d!.AsObject()).ToList();

        var service = Assert.Single(documents, d => (string)d["kind"]! == "Service");
        var monitor = Assert.Single(documents, d => (string)d["kind"]! == "ServiceMonitor");
        var rule = Assert.Single(documents, d => (string)d["kind"]! == "PrometheusRule");
        var deployment = Assert.Single(documents, d => (string)d["kind"]! == "Deployment");
        Assert.All([service, monitor, rule], o => Assert.Equal("cpaas-system", (string)o["metadata"]!["namespace"]!));

        // The alerts' job label is the Service's name; the Service selects the manager's pods and names its port.
        Assert.Equal("cpaas-operator-metrics", (string)service["metadata"]!["name"]!);
        var podLabels = deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.All(service["spec"]!["selector"]!.AsObject(), s => Assert.Equal((string)s.Value!, (string)podLabels[s.Key]!));
        Assert.Contains(deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]!.AsArray(), p => (string)p!["name"]! == "metrics");
        Assert.All(monitor["spec"]!["selector"]!["matchLabels"]!.AsObject(), s => Assert.Equal((string)s.Value!, (string)service["metadata"]!["labels"]![s.Key]!));
        Assert.Equal("metrics", (string)monitor["spec"]!["endpoints"]![0]!["port"]!);
        var expressions = rule["spec"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Select(r => (string)r!["expr"]!);
        Assert.All(expressions, e => Assert.Contains("job=\"cpaas-operator-metrics\"", e, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_overlay, recursive: true);
}

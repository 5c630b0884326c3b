using System.Globalization;
using Cpaas.Operator.Hosting;
using Cpaas.Operator.Tests.Support;
using k8s.Models;

namespace Cpaas.Operator.Tests.Config;

/// <summary>
/// config/network-policy is an optional kustomize component; its ports are the ones the operator listens on and calls,
/// as the flags' defaults and config/manager set them (docs/reference.md, "Network policy").
/// </summary>
public sealed class NetworkPolicyTests : IDisposable
{
    private readonly string _overlay = Directory.CreateTempSubdirectory("network-policy-overlay-").FullName;

    [Fact]
    public async Task Default_has_no_NetworkPolicy()
    {
        var objects = KubeYaml.LoadAll(await Kustomize.BuildAsync(RepositoryPaths.Combine("config", "default")), strict: true);

        Assert.Empty(objects.OfType<V1NetworkPolicy>());
    }

    [Fact]
    public async Task Policy_selects_the_operators_pods_in_cpaas_system_and_denies_by_default_both_ways()
    {
        var (policy, deployment) = await BuildWithComponentAsync();

        Assert.Equal("cpaas-system", policy.Metadata.NamespaceProperty);
        Assert.Equal(deployment.Metadata.NamespaceProperty, policy.Metadata.NamespaceProperty);
        var podLabels = deployment.Spec.Template.Metadata.Labels;
        Assert.NotEmpty(policy.Spec.PodSelector.MatchLabels);
        Assert.All(policy.Spec.PodSelector.MatchLabels, label => Assert.Equal(label.Value, podLabels[label.Key]));
        Assert.Equal(["Egress", "Ingress"], policy.Spec.PolicyTypes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Only_the_metrics_port_is_open_and_only_to_the_monitoring_namespace()
    {
        var (policy, deployment) = await BuildWithComponentAsync();
        var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
        var metricsPort = BindPort(Default("--metrics-bind-address"));
        var healthPort = BindPort(Default("--health-probe-bind-address"));

        // The default, the Deployment's flag and its container port agree, and the policy opens that port alone.
        Assert.Equal(metricsPort, BindPort(Argument(container, "--metrics-bind-address")));
        Assert.Equal(metricsPort, Assert.Single(container.Ports, p => p.Name == "metrics").ContainerPort);
        var rule = Assert.Single(policy.Spec.Ingress);
        var port = Assert.Single(rule.Ports);
        Assert.Equal(("TCP", metricsPort.ToString(CultureInfo.InvariantCulture)), (port.Protocol, port.Port.Value));
        Assert.NotEqual(healthPort, metricsPort);

        var from = Assert.Single(rule.FromProperty);
        Assert.Null(from.PodSelector);
        Assert.Null(from.IpBlock);
        Assert.Equal(
            new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "monitoring" },
            from.NamespaceSelector.MatchLabels);
    }

    [Fact]
    public async Task Egress_allows_DNS_the_Kubernetes_API_and_the_CPaaS_API_port_only()
    {
        var (policy, deployment) = await BuildWithComponentAsync();
        var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
        var cpaasPort = new Uri(Default("--cpaas-base-url")).Port;
        Assert.Equal(cpaasPort, new Uri(Argument(container, "--cpaas-base-url")).Port);

        var allowed = policy.Spec.Egress
            .SelectMany(rule => rule.Ports.Select(p => $"{p.Protocol}/{p.Port.Value}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(["TCP/443", "TCP/53", "TCP/6443", "UDP/53"], allowed);
        Assert.Contains(policy.Spec.Egress, rule => rule.Ports.Any(p => p.Port.Value == cpaasPort.ToString(CultureInfo.InvariantCulture)));

        // DNS only to kube-system; every rule names its ports (none opens all ports).
        var dns = Assert.Single(policy.Spec.Egress, rule => rule.Ports.Any(p => p.Port.Value == "53"));
        Assert.Equal("kube-system", Assert.Single(dns.To).NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        Assert.All(policy.Spec.Egress, rule => Assert.NotEmpty(rule.Ports));
    }

    private async Task<(V1NetworkPolicy Policy, V1Deployment Deployment)> BuildWithComponentAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_overlay, "kustomization.yaml"), $"""
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - {Path.GetRelativePath(_overlay, RepositoryPaths.Combine("config", "default"))}
            components:
              - {Path.GetRelativePath(_overlay, RepositoryPaths.Combine("config", "network-policy"))}
            """);
        var objects = KubeYaml.LoadAll(await Kustomize.BuildAsync(_overlay), strict: true);
        return (Assert.Single(objects.OfType<V1NetworkPolicy>()), Assert.Single(objects.OfType<V1Deployment>()));
    }

    private static string Default(string flag) => OperatorSettings.All.Single(s => s.Flag == flag).Default!;

    private static string Argument(V1Container container, string flag) =>
        Assert.Single(container.Args, a => a.StartsWith(flag + "=", StringComparison.Ordinal))[(flag.Length + 1)..];

    // ":8080" or "0.0.0.0:8080".
    private static int BindPort(string address) =>
        int.Parse(address[(address.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);

    public void Dispose() => Directory.Delete(_overlay, recursive: true);
}

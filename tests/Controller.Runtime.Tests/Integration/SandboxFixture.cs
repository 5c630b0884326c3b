using System.Text;
using Controller.Runtime.Client;
using k8s;
using k8s.Models;
using Kube.Sandbox;

namespace Controller.Runtime.Tests.Integration;

/// <summary>One Kubernetes API sandbox per test class (ephemeral port, own state directory).</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "controller-runtime-tests", Guid.NewGuid().ToString("N"));

    public KubeApiSandbox Sandbox { get; private set; } = null!;

    public Kubernetes Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Sandbox = await KubeApiSandbox.StartAsync(new KubeApiSandboxOptions
        {
            StateDirectory = Path.Combine(_directory, "state"),
            WatchBookmarkInterval = TimeSpan.FromMilliseconds(500),
        });
        Client = NewClient();
        // Raw JSON: KubernetesClient.Aot cannot write a model's free-form object fields (the status subresource's {}).
        using var created = await new KubeApiTransport(Client).SendAsync(
            HttpMethod.Post, "apis/apiextensions.k8s.io/v1/customresourcedefinitions", null, new StringContent(WidgetCrd, Encoding.UTF8, "application/json"), CancellationToken.None);
    }

    /// <summary>A fresh client (its own connections), as a second process would have.</summary>
    public Kubernetes NewClient() => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(Sandbox.AdminKubeconfigPath));

    public async Task<string> CreateNamespaceAsync()
    {
        var name = $"t-{Guid.NewGuid().ToString("N")[..8]}";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Sandbox.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private const string WidgetCrd = """
        {
          "apiVersion": "apiextensions.k8s.io/v1",
          "kind": "CustomResourceDefinition",
          "metadata": {"name": "widgets.example.com"},
          "spec": {
            "group": "example.com",
            "scope": "Namespaced",
            "names": {"plural": "widgets", "singular": "widget", "kind": "Widget"},
            "versions": [{
              "name": "v1",
              "served": true,
              "storage": true,
              "subresources": {"status": {}},
              "schema": {"openAPIV3Schema": {
                "type": "object",
                "properties": {
                  "spec": {"type": "object", "properties": {"secretName": {"type": "string"}}},
                  "status": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}
                }
              }}
            }]
          }
        }
        """;
}

using k8s;

namespace Kube.Sandbox.Tests.Infrastructure;

/// <summary>One sandbox per test class, on an ephemeral port, with its own state directory.</summary>
public class SandboxFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    public KubeApiSandbox Sandbox { get; private set; } = null!;

    public Kubernetes Client { get; private set; } = null!;

    /// <summary>The admin client configuration (server URL, CA, bearer token) for raw HTTP requests.</summary>
    public KubernetesClientConfiguration Config { get; private set; } = null!;

    public string Directory => _directory.Path;

    protected virtual KubeApiSandboxOptions Options(string stateDirectory) => new() { StateDirectory = stateDirectory, WatchBookmarkInterval = TimeSpan.FromMilliseconds(200), NamespaceCleanupDelay = TimeSpan.FromMilliseconds(100) };

    public virtual async Task InitializeAsync()
    {
        Sandbox = await KubeApiSandbox.StartAsync(Options(System.IO.Path.Combine(_directory.Path, "state")));
        Config = KubernetesClientConfiguration.BuildConfigFromConfigFile(Sandbox.AdminKubeconfigPath);
        Client = new Kubernetes(Config);
    }

    public static Kubernetes ClientFor(string kubeconfigPath) =>
        new(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath));

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Sandbox.DisposeAsync();
        _directory.Dispose();
    }
}

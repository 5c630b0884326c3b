using Kube.Sandbox.Tests.Infrastructure;

namespace Cpaas.Operator.IntegrationTests.Infrastructure;

/// <summary>
/// The namespaced install, done with kubectl as a cluster admin and a namespace admin would: config/crds, the watched
/// namespaces, then config/namespaced. The operator runs with the overlay's --watch-namespaces under exactly its Roles
/// (the sandbox refuses everything else). <see cref="UnwatchedNamespace"/> exists but is not watched.
/// </summary>
public sealed class NamespacedInstallFixture : OperatorFixture
{
    public const string UnwatchedNamespace = "team-c";

    private string _watchNamespaces = string.Empty;

    /// <summary>The namespaces the overlay's Deployment passes to --watch-namespaces.</summary>
    public IReadOnlyList<string> WatchedNamespaces => _watchNamespaces.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>What kubectl applied from config/namespaced (kubectl kustomize).</summary>
    public IReadOnlyList<object> InstalledObjects { get; private set; } = [];

    protected override IReadOnlyList<string> ExtraArgs => ["--watch-namespaces", _watchNamespaces];

    protected override async Task InstallManifestsAsync()
    {
        var kubectl = new Kubectl(Kube.AdminKubeconfigPath, WorkDirectory);
        (await kubectl.RunAsync("apply", "-k", RepositoryPaths.Combine("config", "crds"))).EnsureSuccess();
        var rendered = (await kubectl.RunAsync("kustomize", RepositoryPaths.Combine("config", "namespaced"))).EnsureSuccess().StdOut;
        _watchNamespaces = WatchNamespacesFlag(rendered);
        InstalledObjects = KubeYaml.LoadAll(rendered);
        foreach (var ns in WatchedNamespaces.Append(UnwatchedNamespace))
        {
            (await kubectl.RunAsync("create", "namespace", ns)).EnsureSuccess();
        }

        (await kubectl.RunAsync("apply", "-k", RepositoryPaths.Combine("config", "namespaced"))).EnsureSuccess();
    }

    // The value of the Deployment's --watch-namespaces=... argument.
    private static string WatchNamespacesFlag(string renderedYaml)
    {
        const string flag = "--watch-namespaces=";
        var line = renderedYaml.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("- " + flag, StringComparison.Ordinal));
        return line[(2 + flag.Length)..].Trim();
    }
}

using System.Text;
using Cpaas.Operator.Hosting;
using Cpaas.Sandbox;
using Kube.Sandbox;
using Quickstart.Kubectl;
using Quickstart.Operator;
using Quickstart.Tests.Support;

namespace Quickstart.Tests.Journeys;

/// <summary>
/// One cluster for every journey: the Kubernetes API sandbox with `kubectl apply -k config/default` applied as an
/// admin would, the credentials Secret created with the README's command, the CPaaS API sandbox, and the operator's
/// real entry point running with the Deployment's own args (pointed at the sandboxes) under the cpaas-operator service
/// account, so its RBAC is what config/rbac grants. There are no pods: the Deployment object exists but never runs.
/// </summary>
public sealed class OperatorFixture : IAsyncLifetime
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);

    private readonly TempDirectory _directory = new("journeys");
    private readonly CancellationTokenSource _stopping = new();
    private Task<int>? _operator;

    public KubeApiSandbox Kube { get; private set; } = null!;

    public CpaasSandbox Cpaas { get; private set; } = null!;

    /// <summary>kubectl as the cluster admin, with a private cache directory.</summary>
    internal KubectlRunner Kubectl { get; private set; } = null!;

    /// <summary>What `kubectl apply -k config/default` printed.</summary>
    internal KubectlResult Install { get; private set; } = null!;

    /// <summary>http://127.0.0.1:PORT/ of the operator's probes and metrics.</summary>
    public Uri ProbeUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Kube = await KubeApiSandbox.StartAsync(new KubeApiSandboxOptions { StateDirectory = _directory.Sub("kube") });
        Cpaas = await CpaasSandbox.StartAsync();
        Kubectl = new KubectlRunner(Kube.AdminKubeconfigPath, _directory.Sub("kubectl-cache"), RepositoryRoot.Path);

        Install = (await Kubectl.RunAsync(["apply", "-k", RepositoryRoot.File("config", "default")], CancellationToken.None)).EnsureSuccess();
        var account = Cpaas.CustomerAccount;
        (await Kubectl.RunAsync(
            ["-n", "cpaas-system", "create", "secret", "generic", "cpaas-operator-credentials", $"--from-literal=api_id={account.ApiId}", $"--from-literal=api_key={account.ApiKey}"],
            CancellationToken.None)).EnsureSuccess();

        var deployment = ManagerDeployment.Load();
        var credentials = await MountCredentialsSecretAsync(deployment);
        var probePort = InProcessOperator.FreePort();
        ProbeUrl = new Uri($"http://127.0.0.1:{probePort}/");
        var args = deployment.ArgsWith(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--kubeconfig"] = Kube.WriteKubeconfig(Path.Combine(_directory.Path, "operator.kubeconfig"), OperatorLaunch.ServiceAccountUser, OperatorLaunch.ServiceAccountGroups),
            ["--cpaas-base-url"] = Cpaas.BaseUrl.ToString(),
            ["--credentials-dir"] = credentials,
            ["--metrics-bind-address"] = $"127.0.0.1:{probePort}",
            ["--health-probe-bind-address"] = $"127.0.0.1:{probePort}",
            ["--log-format"] = "text",
            ["--log-level"] = "Warning",
        });

        // The Deployment's env: POD_NAME and POD_NAMESPACE from the downward API.
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["POD_NAME"] = "cpaas-operator-journeys", ["POD_NAMESPACE"] = "cpaas-system" };
        _operator = Task.Run(() => OperatorHost.RunAsync(args, name => environment.GetValueOrDefault(name), _stopping.Token));
        await WaitUntilReadyAsync();
    }

    /// <summary>A fresh namespace for one test.</summary>
    public async Task<string> NamespaceAsync(string prefix)
    {
        var ns = Names.Unique(prefix);
        (await Kubectl.RunAsync(["create", "namespace", ns], CancellationToken.None)).EnsureSuccess();
        return ns;
    }

    internal Task<KubectlResult> KubectlAsync(params string[] args) => Kubectl.RunAsync(args, CancellationToken.None);

    internal Task<KubectlResult> KubectlWithInputAsync(string stdin, params string[] args) => Kubectl.RunAsync(args, stdin, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _stopping.CancelAsync();
        var exitCode = _operator is null ? 0 : await _operator.WaitAsync(TimeSpan.FromMinutes(2));
        await Cpaas.DisposeAsync();
        await Kube.DisposeAsync();
        _stopping.Dispose();
        _directory.Dispose();
        Assert.Equal(0, exitCode);
    }

    /// <summary>The kubelet's part: the Secret's keys as files where the Deployment mounts them (here, a temporary directory).</summary>
    private async Task<string> MountCredentialsSecretAsync(ManagerDeployment deployment)
    {
        var volume = deployment.Pod.Volumes.Single(v => v.Secret?.SecretName is not null);
        var directory = _directory.Sub("credentials");
        foreach (var key in new[] { "api_id", "api_key" })
        {
            var value = (await Kubectl.RunAsync(["-n", "cpaas-system", "get", "secret", volume.Secret.SecretName, "-o", $"jsonpath={{.data.{key}}}"], CancellationToken.None)).Base64Decoded();
            await File.WriteAllTextAsync(Path.Combine(directory, key), value, Encoding.UTF8);
        }

        return directory;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = new CancellationTokenSource(ReadyTimeout);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        do
        {
            Assert.False(_operator!.IsCompleted, $"the operator stopped during start-up with exit code {(_operator.IsCompleted ? _operator.Result : 0)}");
            try
            {
                using var response = await http.GetAsync(new Uri(ProbeUrl, "readyz"), deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
        }
        while (await timer.WaitForNextTickAsync(deadline.Token));
    }
}

[CollectionDefinition(Name)]
public sealed class OperatorCollection : ICollectionFixture<OperatorFixture>
{
    public const string Name = "operator";
}

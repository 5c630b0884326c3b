using System.Globalization;
using System.Text;
using Cpaas.Sandbox;
using k8s;
using k8s.Models;
using Kube.Sandbox;
using Quickstart.Kubectl;
using Quickstart.Operator;
using Quickstart.Tests.Support;

namespace Quickstart.Tests.Image;

/// <summary>
/// A release installed as a user would, with the image's executable run as the image runs it: install.yaml rendered
/// by hack/render-install.sh for an image pinned by digest and applied with kubectl to the Kubernetes API sandbox,
/// the credentials Secret created with docs/install.md's command, then the executable the Dockerfile's build stage
/// publishes started in <see cref="SandboxedOperator"/> (the minimal root filesystem, read-only, uid/gid 10001, no
/// shell) with the rendered Deployment's args and env, its in-cluster service account files and credentials mounted
/// where the kubelet mounts them. Only the addresses differ: the CPaaS API sandbox instead of the real API, and probe
/// and metrics ports picked free on loopback (the sandbox shares this machine's network).
/// </summary>
public sealed class InstalledImageFixture : IAsyncLifetime
{
    /// <summary>The image reference the release workflow would render install.yaml for (a made-up digest).</summary>
    public const string Image = "ghcr.io/example-org/cpaas-operator@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);

    private readonly TempDirectory _directory = new("image-runtime");
    private SandboxedOperator? _operator;

    public KubeApiSandbox Kube { get; private set; } = null!;

    public CpaasSandbox Cpaas { get; private set; } = null!;

    internal KubectlRunner Kubectl { get; private set; } = null!;

    /// <summary>The rendered install.yaml.</summary>
    public string InstallManifest { get; private set; } = null!;

    /// <summary>What `kubectl apply -f install.yaml` printed.</summary>
    internal KubectlResult Install { get; private set; } = null!;

    /// <summary>http://127.0.0.1:PORT/ of /healthz and /readyz.</summary>
    public Uri ProbeUrl { get; private set; } = null!;

    public Uri MetricsUrl { get; private set; } = null!;

    /// <summary>The root filesystem the operator runs in (on this machine).</summary>
    public string RootFilesystem { get; private set; } = null!;

    internal SandboxedOperator Operator => _operator ?? throw new InvalidOperationException("the operator was not started");

    public async Task InitializeAsync()
    {
        var published = await DockerfileBuild.PublishAsync(TargetArchitecture.Host);
        var closure = SharedLibraryClosure.Resolve(published.Executable, RuntimeBaseImage.Load().Opened, TargetArchitecture.Host);
        Assert.True(closure.Missing.Count == 0, $"libraries not found on this machine: {string.Join(", ", closure.Missing)}");

        var installFile = Path.Combine(_directory.Path, "install.yaml");
        (await ToolProcess.RunAsync(RepositoryRoot.File("hack", "render-install.sh"), [Image, installFile], RepositoryRoot.Path)).EnsureSuccess();
        InstallManifest = await File.ReadAllTextAsync(installFile);
        var deployment = ManagerDeployment.From(KubeYaml.LoadAll(InstallManifest).OfType<V1Deployment>().Single());

        Kube = await KubeApiSandbox.StartAsync(new KubeApiSandboxOptions { StateDirectory = _directory.Sub("kube") });
        Cpaas = await CpaasSandbox.StartAsync();
        Kubectl = new KubectlRunner(Kube.AdminKubeconfigPath, _directory.Sub("kubectl-cache"), RepositoryRoot.Path);
        Install = (await Kubectl.RunAsync(["apply", "-f", installFile], CancellationToken.None)).EnsureSuccess();
        var account = Cpaas.CustomerAccount;
        (await Kubectl.RunAsync(
            ["-n", "cpaas-system", "create", "secret", "generic", "cpaas-operator-credentials", $"--from-literal=api_id={account.ApiId}", $"--from-literal=api_key={account.ApiKey}"],
            CancellationToken.None)).EnsureSuccess();

        var (uid, gid) = ImageUser();
        var credentialsPath = deployment.FlagValue("--credentials-dir");
        var mounts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [await ServiceAccountFilesAsync(gid)] = ServiceAccountDirectory,
            [await CredentialsFilesAsync(deployment, gid)] = credentialsPath,
        };

        RootFilesystem = Path.Combine(_directory.Path, "rootfs");
        await MinimalRootFilesystem.BuildAsync(RootFilesystem, published.Executable, closure, TargetArchitecture.Host, uid, gid, mounts.Values);

        var probePort = InProcessOperator.FreePort();
        var metricsPort = InProcessOperator.FreePort();
        ProbeUrl = new Uri($"http://127.0.0.1:{probePort}/");
        MetricsUrl = new Uri($"http://127.0.0.1:{metricsPort}/");
        var args = deployment.ArgsWith(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--cpaas-base-url"] = Cpaas.BaseUrl.ToString(),
            ["--metrics-bind-address"] = $"127.0.0.1:{metricsPort}",
            ["--health-probe-bind-address"] = $"127.0.0.1:{probePort}",
        });

        _operator = SandboxedOperator.Start(RootFilesystem, uid, gid, mounts, ContainerEnvironment(deployment), args);
        await WaitUntilReadyAsync();
    }

    public async Task DisposeAsync()
    {
        var exitCode = _operator is null ? 0 : await _operator.StopAsync(TimeSpan.FromMinutes(2));
        var transcript = _operator?.Transcript;
        _operator?.Dispose();
        if (Cpaas is not null)
        {
            await Cpaas.DisposeAsync();
        }

        if (Kube is not null)
        {
            await Kube.DisposeAsync();
        }

        _directory.Dispose();
        Assert.True(exitCode == 0, $"the operator exited {exitCode} on SIGTERM\n{transcript}");
    }

    /// <summary>USER of the Dockerfile's final stage, as uid and gid.</summary>
    private static (int Uid, int Gid) ImageUser()
    {
        var user = DockerfileBuild.Dockerfile.Last("USER").Split(':');
        var uid = int.Parse(user[0], CultureInfo.InvariantCulture);
        return (uid, user.Length > 1 ? int.Parse(user[1], CultureInfo.InvariantCulture) : uid);
    }

    /// <summary>
    /// What the container's process sees: the runtime-deps image's ENV (its Dockerfile in dotnet/dotnet-docker), ours,
    /// what the runtime adds (PATH, HOSTNAME; HOME "/" for a user without a passwd entry), the Kubernetes service
    /// variables, and the Deployment's env with the downward API resolved.
    /// </summary>
    private Dictionary<string, string> ContainerEnvironment(ManagerDeployment deployment)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ["HOSTNAME"] = "cpaas-operator-7c9d8-abcde",
            ["HOME"] = "/",
            ["APP_UID"] = "1654",
            ["ASPNETCORE_HTTP_PORTS"] = "8080",
            ["DOTNET_RUNNING_IN_CONTAINER"] = "true",
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "true",
            ["KUBERNETES_SERVICE_HOST"] = Kube.Url.Host,
            ["KUBERNETES_SERVICE_PORT"] = Kube.Url.Port.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var env in DockerfileBuild.Dockerfile.Of("ENV", DockerfileBuild.Dockerfile.FinalStage))
        {
            foreach (var pair in env.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split('=', 2);
                environment[parts[0]] = parts[1];
            }
        }

        foreach (var env in deployment.Manager.Env ?? [])
        {
            environment[env.Name] = env.Value ?? env.ValueFrom?.FieldRef?.FieldPath switch
            {
                "metadata.namespace" => "cpaas-system",
                "metadata.name" => environment["HOSTNAME"],
                var other => throw new InvalidOperationException($"env {env.Name}: no value for {other}"),
            };
        }

        return environment;
    }

    /// <summary>The kubelet's service account volume: token, ca.crt and namespace of cpaas-system/cpaas-operator.</summary>
    private async Task<string> ServiceAccountFilesAsync(int gid)
    {
        var kubeconfig = Kube.WriteKubeconfig(Path.Combine(_directory.Path, "operator.kubeconfig"), OperatorLaunch.ServiceAccountUser, OperatorLaunch.ServiceAccountGroups);
        var token = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig).AccessToken;
        var directory = _directory.Sub("serviceaccount");
        await WriteMountedFileAsync(directory, "token", token, gid);
        await WriteMountedFileAsync(directory, "ca.crt", Kube.CertificateAuthorityPem, gid);
        await WriteMountedFileAsync(directory, "namespace", "cpaas-system", gid);
        return directory;
    }

    /// <summary>The credentials Secret's keys as the kubelet mounts them: files of mode 0440 owned by the pod's fsGroup.</summary>
    private async Task<string> CredentialsFilesAsync(ManagerDeployment deployment, int gid)
    {
        var secretName = deployment.Pod.Volumes.Single(v => v.Secret?.SecretName is not null).Secret.SecretName;
        var directory = _directory.Sub("credentials");
        foreach (var key in new[] { "api_id", "api_key" })
        {
            var value = (await Kubectl.RunAsync(["-n", "cpaas-system", "get", "secret", secretName, "-o", $"jsonpath={{.data.{key}}}"], CancellationToken.None)).Base64Decoded();
            await WriteMountedFileAsync(directory, key, value, gid);
        }

        return directory;
    }

    private static async Task WriteMountedFileAsync(string directory, string name, string content, int gid)
    {
        var path = Path.Combine(directory, name);
        await File.WriteAllTextAsync(path, content, new UTF8Encoding(false));
        ToolProcess.SetMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead);
        (await ToolProcess.RunAsync("chown", [$"0:{gid}", path])).EnsureSuccess();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = new CancellationTokenSource(ReadyTimeout);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            do
            {
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
        catch (OperationCanceledException)
        {
            Assert.Fail($"the operator in bubblewrap was not ready within {ReadyTimeout}\n{Operator.Transcript}");
        }
    }
}

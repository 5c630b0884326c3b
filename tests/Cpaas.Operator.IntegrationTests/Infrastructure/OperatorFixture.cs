using Cpaas.Sandbox;
using k8s;
using k8s.Models;
using Kube.Sandbox;

namespace Cpaas.Operator.IntegrationTests.Infrastructure;

/// <summary>
/// One test class's world: the Kubernetes API sandbox with the CRD and config/rbac installed by the admin, the CPaaS
/// API sandbox, and the operator running in process under its service account
/// (<c>system:serviceaccount:cpaas-system:cpaas-operator</c>, so RBAC is enforced from the manifests: a missing rule
/// fails the tests). Default CPaaS credentials are the sandbox's customer account (environment variables).
/// Every test uses its own namespace; the operator's log records are captured.
/// </summary>
public partial class OperatorFixture : IAsyncLifetime
{
    public const string OperatorNamespace = "cpaas-system";
    public const string OperatorUser = "system:serviceaccount:cpaas-system:cpaas-operator";
    public static readonly IReadOnlyList<string> OperatorGroups = ["system:serviceaccounts", "system:serviceaccounts:cpaas-system", "system:authenticated"];

    private readonly string _workDirectory = Path.Combine(Path.GetTempPath(), "cpaas-optests-" + Guid.NewGuid().ToString("N")[..12]);

    public KubeApiSandbox Kube { get; private set; } = null!;

    public CpaasSandbox Cpaas { get; private set; } = null!;

    /// <summary>Admin client (group system:masters): what the test, playing the user, uses.</summary>
    public Kubernetes Admin { get; private set; } = null!;

    /// <summary>Kubeconfig of the operator's service account (RBAC enforced).</summary>
    public string OperatorKubeconfig { get; private set; } = null!;

    /// <summary>An empty directory passed as --credentials-dir, so the default credentials come from the environment.</summary>
    public string CredentialsDirectory { get; private set; } = null!;

    public LogCapture Logs { get; } = new();

    /// <summary>The in-process operator; null for fixtures that run it as a real process themselves.</summary>
    public InProcessOperator? Operator { get; private set; }

    public string WorkDirectory => _workDirectory;

    /// <summary>Where the operator's log of each fixture is written when the fixture ends (for diagnosing failures).</summary>
    public static string LogDirectory => Path.Combine(AppContext.BaseDirectory, "operator-logs");

    /// <summary>--resync-interval of the operator.</summary>
    public virtual TimeSpan ResyncInterval => TimeSpan.FromMinutes(10);

    /// <summary>Flags added after the common ones (a later flag wins), for example the drift sweep's.</summary>
    protected virtual IReadOnlyList<string> ExtraArgs => [];

    /// <summary>Installs the CRD and the operator's RBAC as the admin, before the operator starts (config/crds and config/rbac).</summary>
    protected virtual Task InstallManifestsAsync() => Manifests.InstallAsync(Admin, OperatorNamespace);

    /// <summary>Sets the CPaaS sandbox's habits before the operator starts.</summary>
    protected virtual void ConfigureCpaas(CpaasSandbox sandbox)
    {
    }

    protected virtual bool StartsOperator => true;

    protected virtual string LogLevel => "Debug";

    /// <summary>How long a test waits for one expected outcome before failing with the operator's log tail.</summary>
    public virtual TimeSpan Patience => TimeSpan.FromSeconds(30);

    public virtual async Task InitializeAsync()
    {
        Directory.CreateDirectory(_workDirectory);
        Kube = await KubeApiSandbox.StartAsync(new KubeApiSandboxOptions { StateDirectory = Path.Combine(_workDirectory, "kube") });
        Cpaas = await CpaasSandbox.StartAsync();
        Admin = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Kube.AdminKubeconfigPath));
        await InstallManifestsAsync();
        OperatorKubeconfig = Kube.WriteKubeconfig(Path.Combine(_workDirectory, "operator.kubeconfig"), OperatorUser, OperatorGroups);
        CredentialsDirectory = Directory.CreateDirectory(Path.Combine(_workDirectory, "credentials")).FullName;
        ConfigureCpaas(Cpaas);
        if (StartsOperator)
        {
            Operator = InProcessOperator.Start(OperatorArgs("in-process"), OperatorEnvironment(), Logs);
        }
    }

    /// <summary>The operator's flags for these sandboxes (the same for the in-process host and a real process).</summary>
    public IReadOnlyList<string> OperatorArgs(string identity, TimeSpan? resyncInterval = null, bool leaderElect = true) =>
    [
        "--kubeconfig", OperatorKubeconfig,
        "--cpaas-base-url", Cpaas.BaseUrl.ToString(),
        "--credentials-dir", CredentialsDirectory,
        "--leader-elect", leaderElect ? "true" : "false",
        "--leader-election-namespace", OperatorNamespace,
        "--leader-election-id", "cpaas-operator-" + identity,
        "--identity", identity,
        "--metrics-bind-address", "0",
        "--health-probe-bind-address", "0",
        "--resync-interval", $"{(int)(resyncInterval ?? ResyncInterval).TotalMilliseconds}ms",
        "--workers", "2",
        "--log-format", "text",
        "--log-level", LogLevel,
        .. ExtraArgs,
    ];

    /// <summary>Default credentials: the sandbox's customer account, through CPAAS_API_ID / CPAAS_API_KEY.</summary>
    public IReadOnlyDictionary<string, string> OperatorEnvironment() => new Dictionary<string, string>
    {
        ["CPAAS_API_ID"] = Cpaas.CustomerAccount.ApiId,
        ["CPAAS_API_KEY"] = Cpaas.CustomerAccount.ApiKey,
    };

    private async Task KeepLogAsync()
    {
        Directory.CreateDirectory(LogDirectory);
        var path = Path.Combine(LogDirectory, $"{GetType().Name}-{DateTime.UtcNow:HHmmss}-{Path.GetFileName(_workDirectory)}.log");
        await File.WriteAllLinesAsync(path, Logs.Records.Select(r => r.ToString()));
    }

    public async Task<string> CreateNamespaceAsync(string prefix = "t")
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        await Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    public virtual async Task DisposeAsync()
    {
        if (Operator is not null)
        {
            await Operator.DisposeAsync();
            await KeepLogAsync();
        }

        Admin?.Dispose();
        if (Cpaas is not null)
        {
            await Cpaas.DisposeAsync();
        }

        if (Kube is not null)
        {
            await Kube.DisposeAsync();
        }

        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

/// <summary>An operator whose drift check runs every two seconds (drift, no-op resync, retry-loop tests).</summary>
public sealed class FastResyncOperatorFixture : OperatorFixture
{
    public override TimeSpan ResyncInterval => TimeSpan.FromSeconds(2);
}

/// <summary>Sandboxes and manifests only: the test runs the operator itself (as a real process).</summary>
public sealed class SandboxesOnlyFixture : OperatorFixture
{
    protected override bool StartsOperator => false;

    // A real process starts slowly on a busy machine.
    public override TimeSpan Patience => TimeSpan.FromSeconds(90);
}

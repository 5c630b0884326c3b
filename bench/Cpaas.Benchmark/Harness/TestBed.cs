using System.Net;
using System.Text.Json.Nodes;
using Cpaas.Benchmark.Harness.Kube;
using Cpaas.Benchmark.Harness.Operator;
using Cpaas.Sandbox;
using Kube.Sandbox;

namespace Cpaas.Benchmark.Harness;

/// <summary>
/// Both sandboxes in this process, the CRD and the operator's RBAC installed from the repository's manifests, a
/// kubeconfig for the operator's service account (RBAC enforced), an admin client and a watcher of every
/// CpaasProject. Operators are started from here as separate processes.
/// </summary>
public sealed class TestBed : IAsyncDisposable
{
    public const string OperatorNamespace = "cpaas-system";
    public const string OperatorUser = "system:serviceaccount:cpaas-system:cpaas-operator";

    private readonly bool _ownsDirectory;
    private readonly bool _keepDirectory;
    private readonly List<OperatorProcess> _operators = [];

    private TestBed(string workDirectory, bool ownsDirectory, bool keepDirectory, KubeApiSandbox kube, CpaasSandbox cpaas, KubeRest admin, FleetWatcher fleet, string operatorKubeconfig, OperatorRuntime runtime)
    {
        Runtime = runtime;
        WorkDirectory = workDirectory;
        _ownsDirectory = ownsDirectory;
        _keepDirectory = keepDirectory;
        Kube = kube;
        Cpaas = cpaas;
        Admin = admin;
        Fleet = fleet;
        OperatorKubeconfig = operatorKubeconfig;
        Template = new ProjectTemplate();
    }

    public string WorkDirectory { get; }

    public OperatorRuntime Runtime { get; }

    public KubeApiSandbox Kube { get; }

    public CpaasSandbox Cpaas { get; }

    public KubeRest Admin { get; }

    public FleetWatcher Fleet { get; }

    public string OperatorKubeconfig { get; }

    public ProjectTemplate Template { get; }

    public string OperatorLogDirectory => Path.Combine(WorkDirectory, "operator-logs");

    public static async Task<TestBed> StartAsync(TestBedOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var owns = options.WorkDirectory is null;
        var directory = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "cpaas-bench-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);

        var kube = await KubeApiSandbox.StartAsync(new KubeApiSandboxOptions
        {
            StateDirectory = Path.Combine(directory, "kube"),
            CompactionWindow = options.CompactionWindow,
            WatchBookmarkInterval = options.WatchBookmarkInterval,
        }, ct);
        CpaasSandbox? cpaas = null;
        KubeRest? admin = null;
        try
        {
            cpaas = await CpaasSandbox.StartAsync(new CpaasSandboxOptions { RandomSeed = options.RandomSeed }, ct);
            admin = new KubeRest(kube.AdminKubeconfigPath);
            await InstallAsync(admin, ct);
            var operatorKubeconfig = kube.WriteKubeconfig(Path.Combine(directory, "operator.kubeconfig"), OperatorUser);
            var fleet = new FleetWatcher(admin);
            await fleet.StartAsync(ct);
            return new TestBed(directory, owns, options.KeepWorkDirectory, kube, cpaas, admin, fleet, operatorKubeconfig, options.Runtime ?? OperatorRuntime.BuildOutput());
        }
        catch
        {
            admin?.Dispose();
            if (cpaas is not null)
            {
                await cpaas.DisposeAsync();
            }

            await kube.DisposeAsync();
            throw;
        }
    }

    /// <summary>Launch settings for an operator against this bed, with the admin CPaaS account as default credentials.</summary>
    public OperatorLaunch Launch(string identity) => new()
    {
        Kubeconfig = OperatorKubeconfig,
        CpaasBaseUrl = Cpaas.BaseUrl,
        ApiId = Cpaas.AdminAccount.ApiId,
        ApiKey = Cpaas.AdminAccount.ApiKey,
        Identity = identity,
        LogDirectory = OperatorLogDirectory,
        Executable = Runtime.Executable,
        RuntimeEnvironment = Runtime.Environment,
        LogLevel = Runtime.LogLevel,
    };

    public OperatorProcess StartOperator(OperatorLaunch launch)
    {
        var process = OperatorProcess.Start(launch);
        _operators.Add(process);
        return process;
    }

    /// <summary>Namespaces and their input Secret.</summary>
    public async Task PrepareNamespacesAsync(IEnumerable<string> namespaces, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        foreach (var ns in namespaces)
        {
            await Admin.CreateIfAbsentAsync(Namespace(ns), ct);
            await Admin.CreateIfAbsentAsync(Template.InputSecret(ns), ct);
        }
    }

    /// <summary>Creates the resources, <paramref name="concurrency"/> at a time; returns when all were accepted.</summary>
    public async Task CreateProjectsAsync(IEnumerable<FleetMember> members, int concurrency, CancellationToken ct) =>
        await CreateAsync(members.Select(m => Template.Project(m.Namespace, m.Name)), concurrency, ct);

    public async Task CreateAsync(IEnumerable<JsonObject> manifests, int concurrency, CancellationToken ct) =>
        await Parallel.ForEachAsync(manifests, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (manifest, token) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await Admin.CreateAsync(ManifestPaths.Collection(manifest), manifest, token);
                    return;
                }
                catch (KubeRequestException e) when (e.Status == HttpStatusCode.Conflict && e.Body.Contains("AlreadyExists", StringComparison.Ordinal))
                {
                    return;
                }
                catch (KubeRequestException e) when (attempt < 100 && (int)e.Status >= 409)
                {
                    // Injected 409/500 while faults are on: the harness retries its own writes.
                }
            }
        });

    /// <summary>
    /// Secrets no CpaasProject refers to, as other teams' workloads keep them (Helm releases, TLS, tokens): <paramref name="count"/>
    /// of <paramref name="kilobytes"/> KB of random data each, spread over ten namespaces of their own.
    /// </summary>
    public async Task CreateUnrelatedSecretsAsync(int count, int kilobytes, CancellationToken ct)
    {
        var namespaces = Enumerable.Range(0, 10).Select(i => $"unrelated-{i:00}").ToList();
        foreach (var ns in namespaces)
        {
            await Admin.CreateIfAbsentAsync(Namespace(ns), ct);
        }

        await CreateAsync(Enumerable.Range(0, count).Select(i =>
        {
            var bytes = new byte[kilobytes * 1024 * 3 / 4]; // base64 makes it the stated size on the wire and in etcd
            Random.Shared.NextBytes(bytes);
            return new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Secret",
                ["metadata"] = new JsonObject { ["name"] = $"release-{i:00000}", ["namespace"] = namespaces[i % namespaces.Count] },
                ["type"] = "Opaque",
                ["data"] = new JsonObject { ["release"] = Convert.ToBase64String(bytes) },
            };
        }), 8, ct);
    }

    public static JsonObject Namespace(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name },
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _operators)
        {
            await process.DisposeAsync();
        }

        await Fleet.DisposeAsync();
        Admin.Dispose();
        await Cpaas.DisposeAsync();
        await Kube.DisposeAsync();
        if (_ownsDirectory && !_keepDirectory)
        {
            try
            {
                Directory.Delete(WorkDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temporary directory.
            }
        }
    }

    private static async Task InstallAsync(KubeRest admin, CancellationToken ct)
    {
        await admin.CreateIfAbsentAsync(Namespace(OperatorNamespace), ct);
        foreach (var manifest in EmbeddedManifests.Crd().Concat(EmbeddedManifests.Rbac()))
        {
            await admin.CreateIfAbsentAsync(manifest, ct);
        }

        // The CRD's resource is served once established.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                await admin.ListAsync(ManifestPaths.AllProjects, deadline.Token);
                return;
            }
            catch (KubeRequestException e) when (e.Status == HttpStatusCode.NotFound)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token); // Poll until the CRD is served.
            }
        }
    }
}

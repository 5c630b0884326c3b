using Controller.Runtime;
using Controller.Runtime.Cache;
using Controller.Runtime.Client;
using Controller.Runtime.Controllers;
using Controller.Runtime.Health;
using Controller.Runtime.Hosting;
using Controller.Runtime.Informers;
using Controller.Runtime.LeaderElection;
using Controller.Runtime.Predicates;
using Cpaas.Client;
using Cpaas.Client.Diagnostics;
using Cpaas.Operator.Drift;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Entities.Summary;
using Cpaas.Operator.Fleet;
using Cpaas.Operator.Hosting;
using Cpaas.Operator.Reconciliation;
using Cpaas.Operator.Secrets;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Cpaas.Operator.Composition;

/// <summary>
/// The operator's composition root (docs/decisions/0069-runnables-and-composition-root.md): builds the whole object
/// graph of the process from its settings, in plain code (no container: nothing to resolve at run time, nothing
/// added to start-up or memory). The reconciler's part is <see cref="ReconcilerComposition"/>, the drift sweep's
/// <see cref="DriftSweepComposition"/>; this function connects them to the real Kubernetes and CPaaS APIs.
/// </summary>
public static class OperatorComposition
{
    public const string ControllerName = "cpaasproject";

    /// <param name="options">The validated settings.</param>
    /// <param name="environment">Reads an environment variable (default credentials).</param>
    /// <param name="loggerFactory">The operator's logging.</param>
    /// <param name="ownsProcess">True in the operator's own process: it may release memory process-wide.</param>
    public static OperatorGraph Build(OperatorOptions options, Func<string, string?> environment, ILoggerFactory loggerFactory, bool ownsProcess)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var owned = new Stack<object>();
        try
        {
            return Build(options, environment, loggerFactory, ownsProcess, owned);
        }
        catch
        {
            OperatorGraph.DisposeAsync(owned).AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    private static OperatorGraph Build(
        OperatorOptions options, Func<string, string?> environment, ILoggerFactory loggerFactory, bool ownsProcess, Stack<object> owned)
    {
        var time = TimeProvider.System;
        var identity = string.IsNullOrWhiteSpace(options.Identity) ? LeaderElectionOptions.DefaultIdentity() : options.Identity!;
        var namespaces = options.WatchNamespaceList;

        // Our own connection, not KubernetesClient's Kubernetes class (see KubeConnection): the runtime talks raw REST.
        var connection = Own(owned, new KubeConnection(KubernetesConfiguration(options), KubernetesClientName.Identity));
        var kubernetes = new KubeApiTransport(connection, OperatorJson.Kube);

        var services = Own(owned, new ServiceCollection()
            .AddSingleton(loggerFactory)
            .AddLogging()
            .AddCpaasClient(client =>
            {
                client.RequestsPerSecondPerAccount = options.CpaasRateLimit;
                client.BurstPerAccount = options.CpaasBurst;
                client.TotalTimeout = Duration.Parse(options.CpaasTimeout);
                client.AttemptTimeout = TimeSpan.FromTicks(Math.Min(client.AttemptTimeout.Ticks, client.TotalTimeout.Ticks));
                client.LowPriorityRateShare = options.DriftRateShareFraction;
                client.UserAgent = $"cpaas-operator/{typeof(OperatorComposition).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"} ({identity})";
            })
            .Services
            .BuildServiceProvider());
        var cpaas = services.GetRequiredService<ICpaasClient>();
        var meterFactory = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();

        var credentials = Own(owned, new DefaultCredentialsSource(
            options.CredentialsDirectory, environment, time, TimeSpan.FromSeconds(30), loggerFactory.CreateLogger<DefaultCredentialsSource>()));

        // A registry of this host's own (not the process-wide default), so that hosts in one test process stay apart.
        var registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(registry);
        Own(owned, ClientMetricsExport.Start(registry, meterFactory, loggerFactory.CreateLogger<ClientMetricsExport>()));

        var manager = Own(owned, new Manager(kubernetes, ManagerOptions(options, identity, namespaces, ownsProcess), loggerFactory, time, registry));

        // One pool for the strings every cached object repeats (docs/decisions/0063-project-cache-summary.md).
        var strings = new StringPool();
        var projectTransform = new ProjectCacheTransform(strings);
        var projects = manager.AddInformer(new InformerOptions<CpaasProjectSummary>
        {
            Namespaces = namespaces.Count == 0 ? null : namespaces,
            LabelSelector = string.IsNullOrWhiteSpace(options.WatchLabelSelector) ? null : options.WatchLabelSelector,
            Transform = projectTransform.Apply,
        });
        projects.AddIndex(ProjectIndexes.ByAppId, ProjectIndexes.AppIds);
        projects.AddIndex(ProjectIndexes.ByConnectionSecret, ProjectIndexes.ConnectionSecrets);
        FleetMetrics.Register(manager.Registry, () => projects.Cache.HasSynced ? projects.Cache.List() : null, () => manager.IsLeader, time);

        // Connection Secrets by label, input Secrets by reference (docs/decisions/0030-metadata-only-secrets.md).
        var secrets = Own(owned, OperatorSecrets.Register(manager, kubernetes, projects, namespaces, strings, time));

        // The reconcile path reports accounts whose updated_at missed drift to the trust the sweep reads: built first,
        // it is shared by both (docs/decisions/0040-drift-sweep.md).
        var driftMetrics = new DriftMetrics(registry);
        var trust = new UpdatedAtTrust(driftMetrics, time, Duration.Parse(options.ResyncInterval));
        var reconcile = ReconcilerComposition.Build(
            new ReconcilerEdges
            {
                Projects = projects.Cache,
                ProjectClient = new KubernetesProjectClient(manager.GetClient<CpaasProject>()),
                ConnectionSecrets = secrets.ConnectionStore,
                InputSecrets = secrets.InputSource,
                Cpaas = new ProjectGateway(cpaas),
                Events = manager.GetEventRecorder(WellKnownNames.OperatorName),
                DefaultCredentials = () => credentials.Current,
                Time = time,
                Random = Random.Shared.NextDouble,
            },
            new ReconcilerSettings(Duration.Parse(options.ResyncInterval), new Uri(options.CpaasBaseUrl))
            {
                // The account is the trust boundary: the default account only where --default-account-namespaces allows.
                MayUseDefaultAccount = options.GetDefaultAccountNamespaces().Allows,
            },
            trust.MarkUnreliable,
            registry,
            loggerFactory);

        var controller = manager.CreateController<CpaasProjectSummary>(ControllerName)
            .WithEventFilter(ProjectEventFilter.Instance)
            .WithOptions(new ControllerOptions { MaxConcurrentReconciles = options.Workers, BackoffMax = Duration.Parse(options.RetryMaxDelay) })
            .Owns<V1Secret>()
            .Watches(secrets.Metadata, secret => secrets.ReferrersOf(secret).Concat(BlockedBy(projects.Cache, secret)))
            .Watches(secrets.Connection, secrets.ReferrersOf)
            .Complete(reconcile.Reconciler);

        // On the leader only, once the caches hold what this process manages; cancelled when leadership is lost.
        manager.Add(DriftSweepComposition.Build(
            cpaas,
            projects.Cache,
            secrets.ConnectionStore,
            reconcile,
            trust,
            driftMetrics,
            controller.Enqueue,
            new DriftSweepOptions
            {
                Interval = Duration.Parse(options.DriftSweepInterval),
                Margin = Duration.Parse(options.DriftSweepMargin),
            },
            time,
            loggerFactory));

        // New default credentials may fix every resource that uses them: look at those again now.
        credentials.Changed += (_, _) => EnqueueDefaultCredentialUsers(projects.Cache, controller);

        return new OperatorGraph(identity, manager, credentials, owned);
    }

    /// <summary>
    /// The CpaasProjects whose connection Secret name this Secret (someone else's: the metadata watch leaves the
    /// operator's own out) occupies: when it changes or goes, they are looked at again, so a terminal InvalidSpec
    /// heals with no spec change (docs/RECONCILE.md, "Failures and retries").
    /// </summary>
    private static IEnumerable<ObjectKey> BlockedBy(IReadOnlyCache<CpaasProjectSummary> projects, Controller.Runtime.Resources.PartialObjectMetadata secret) =>
        projects.ByIndex(ProjectIndexes.ByConnectionSecret, ProjectIndexes.ConnectionSecretKey(secret.Metadata?.NamespaceProperty, secret.Metadata?.Name ?? ""))
            .Select(ObjectKey.From);

    private static void EnqueueDefaultCredentialUsers(IReadOnlyCache<CpaasProjectSummary> projects, IController controller)
    {
        foreach (var project in projects.List().Where(p => p.Spec.CredentialsSecretRef is null))
        {
            controller.Enqueue(ObjectKey.From(project));
        }
    }

    private static T Own<T>(Stack<object> owned, T resource)
        where T : notnull
    {
        owned.Push(resource);
        return resource;
    }

    private static ManagerOptions ManagerOptions(OperatorOptions options, string identity, IReadOnlyList<string> namespaces, bool ownsProcess)
    {
        var leaseDuration = Duration.Parse(options.LeaseDuration);
        return new ManagerOptions
        {
            Namespaces = namespaces.Count == 0 ? null : namespaces,
            LeaderElection = new LeaderElectionOptions
            {
                Enabled = options.LeaderElect,
                LeaseName = options.LeaderElectionId,
                LeaseNamespace = options.LeaderElectionNamespace,
                Identity = identity,
                LeaseDuration = leaseDuration,
                RenewDeadline = leaseDuration * 2 / 3,
                RetryPeriod = leaseDuration / 7.5,
            },
            HealthServer = HealthServer(options),
            ReleaseMemory = ownsProcess,
        };
    }

    private static KubernetesClientConfiguration KubernetesConfiguration(OperatorOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Kubeconfig))
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Kubeconfig);
        }

        return KubernetesClientConfiguration.IsInCluster()
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildDefaultConfig();
    }

    private static HealthServerOptions? HealthServer(OperatorOptions options)
    {
        var probe = ToUrl(options.HealthProbeBindAddress);
        var metrics = ToUrl(options.MetricsBindAddress);
        if (probe is null && metrics is null)
        {
            return null;
        }

        return new HealthServerOptions { ProbeAddress = probe ?? metrics!, MetricsAddress = metrics ?? probe };
    }

    private static string? ToUrl(string bindAddress) =>
        bindAddress == "0" || !BindAddress.TryParse(bindAddress, out var address)
            ? null
            : $"http://{(address.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address.Address}]" : address.Address.ToString())}:{address.Port}";
}

using System.Text;
using Controller.Runtime;
using Cpaas.Operator.Composition;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Hosting;
using Cpaas.Operator.Reconciliation;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace Cpaas.Operator.Tests.Reconciliation.Fakes;

/// <summary>
/// The reconciler built by the operator's own composition root (<see cref="ReconcilerComposition"/>) on fake edges: a
/// fake Kubernetes, a fake CPaaS API, fake events and a fake clock. A test sets
/// the starting state, reconciles, and reads the calls, writes, events and conditions that followed.
/// </summary>
internal sealed class ReconcilerWorld
{
    public const string Namespace = "team-a";
    public const string Name = "demo";
    public static readonly ObjectKey Key = new(Namespace, Name);
    public static readonly TimeSpan Resync = TimeSpan.FromMinutes(10);

    private CpaasProjectReconciler _reconciler = null!;

    public ReconcilerWorld()
    {
        Restart();
    }

    public FakeKubernetes Kube { get; } = new();

    public FakeGateway Api { get; } = new();

    public FakeEvents Events { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public ApiCredentials? DefaultCredentials { get; set; } = new("default-account", "default-account-key");

    /// <summary>The namespaces that may use the default account (--default-account-namespaces); null: all.</summary>
    public IReadOnlyCollection<string>? DefaultAccountNamespaces { get; set; }

    /// <summary>The last reconcile's result: Done, Requeue, RequeueAfter, or Terminal.</summary>
    public string? Result { get; private set; }

    public TimeSpan? RequeueDelay { get; private set; }

    /// <summary>The work-queue priority of the last reconcile's requeue (low: a periodic observe).</summary>
    public Controller.Runtime.Queue.WorkPriority? Priority { get; private set; }

    public CpaasProject Resource => Kube.Project(Key);

    /// <summary>The observe schedule of the current process (the seam a drift sweep uses).</summary>
    public ObserveSchedule Schedule { get; private set; } = null!;

    /// <summary>The updated_at memory of the current process (shared with the drift sweep).</summary>
    public ProjectUpdatedAt UpdatedAt { get; private set; } = null!;

    /// <summary>Accounts the reconciler reported as having missed drift (updated_at did not move).</summary>
    public List<string> MissedDriftAccounts { get; } = [];

    public bool ResourceGone => Kube.Get(Key) is null;

    /// <summary>A CpaasProject "demo" in "team-a" (generation 1, no finalizer, no status) with a video section.</summary>
    public static CpaasProject NewResource() => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = Name,
            NamespaceProperty = Namespace,
            Uid = "uid-demo",
            Generation = 1,
            CreationTimestamp = new DateTime(2025, 2, 1, 0, 0, 0, DateTimeKind.Utc),
        },
        Spec = new CpaasProjectSpec
        {
            AppName = "demo-project",
            CategoryId = "education",
            Video = new VideoSpec { NotificationUrl = "https://hooks.example.com/demo" },
        },
    };

    public ReconcilerWorld Given(CpaasProject resource)
    {
        Kube.Add(resource);
        return this;
    }

    /// <summary>A Secret in the resource's namespace with string values.</summary>
    public ReconcilerWorld GivenSecret(string name, params (string Key, string Value)[] values)
    {
        Kube.Add(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
            Data = values.ToDictionary(v => v.Key, v => Encoding.UTF8.GetBytes(v.Value)),
        });
        return this;
    }

    /// <summary>The resource converged on project app-1 by an earlier reconcile of this process; records cleared.</summary>
    /// <param name="shape">Changes the resource before its first reconcile.</param>
    /// <param name="appId">The project.</param>
    /// <param name="updatedAt">The project's updated_at in the API (none by default).</param>
    public ReconcilerWorld GivenConverged(Func<CpaasProject, CpaasProject>? shape = null, string appId = "app-1", DateTimeOffset? updatedAt = null)
    {
        var resource = NewResource();
        resource.Metadata.Finalizers = [WellKnownNames.Finalizer];
        resource.Status = new CpaasProjectStatus { AppId = appId };
        resource = shape is null ? resource : shape(resource);
        Api.Holds(appId, resource.EffectiveAppName(), shape: p => p with { UpdatedAt = updatedAt });
        Kube.Add(resource);
        Reconcile();
        Assert.True(ConditionList.IsTrue(Resource.Status?.Conditions, WellKnownNames.ConditionTypes.Ready), string.Join("; ", Events.Recorded));
        ClearRecords();
        return this;
    }

    /// <summary>Changes the stored resource as a user would (a spec change bumps the generation).</summary>
    public ReconcilerWorld Edit(Action<CpaasProject> change, bool specChange = true)
    {
        var resource = Resource;
        change(resource);
        if (specChange)
        {
            resource.Metadata.Generation++;
        }

        resource.Metadata.ResourceVersion = null;
        Kube.Add(resource);
        return this;
    }

    /// <summary>A new operator process: every memory of the previous one is gone.</summary>
    public ReconcilerWorld Restart()
    {
        _reconciler = Build();
        return this;
    }

    public ReconcilerWorld ClearRecords()
    {
        Api.Calls.Clear();
        Api.Accounts.Clear();
        Api.Plans.Clear();
        Api.GetPriorities.Clear();
        Api.ApplyPriorities.Clear();
        Kube.Writes.Clear();
        Events.Recorded.Clear();
        return this;
    }

    public ReconcilerWorld Reconcile()
    {
        var result = _reconciler.ReconcileAsync(Key, CancellationToken.None).GetAwaiter().GetResult();
        Result = result.Outcome.ToString();
        RequeueDelay = result.Outcome == ReconcileOutcome.RequeueAfter ? result.Delay : null;
        Priority = result.Outcome == ReconcileOutcome.Terminal ? null : result.Priority;

        return this;
    }

    /// <summary>"Status/Reason" of a condition of the stored resource, or null.</summary>
    public string? Condition(string type) =>
        ResourceGone ? null : ConditionList.Find(Resource.Status?.Conditions, type) is { } c ? $"{c.Status}/{c.Reason}" : null;

    public string? SecretAnnotation(string name, string key) =>
        Kube.Secret(Namespace, name)?.Metadata?.Annotations is { } annotations && annotations.TryGetValue(key, out var value) ? value : null;

    public string? SecretValue(string name, string key) =>
        Kube.Secret(Namespace, name)?.Data is { } data && data.TryGetValue(key, out var value) ? Encoding.UTF8.GetString(value) : null;

    /// <summary>The operator's own reconciler graph (<see cref="ReconcilerComposition"/>), on this world's edges.</summary>
    private CpaasProjectReconciler Build()
    {
        var graph = ReconcilerComposition.Build(
            new ReconcilerEdges
            {
                Projects = Kube,
                ProjectClient = Kube,
                ConnectionSecrets = Kube,
                InputSecrets = Kube,
                Cpaas = Api,
                Events = Events,
                DefaultCredentials = () => DefaultCredentials,
                Time = Time,
                Random = () => 0.5, // the middle: every resync exactly Resync after the last, the first after a start at half of it
            },
            new ReconcilerSettings(Resync, new Uri("https://api.example.test/")) { MayUseDefaultAccount = ns => DefaultAccountNamespaces?.Contains(ns) ?? true },
            account => MissedDriftAccounts.Add(account.ApiId),
            Metrics.NewCustomRegistry(),
            NullLoggerFactory.Instance);
        Schedule = graph.ObserveSchedule;
        UpdatedAt = graph.UpdatedAt;
        return graph.Reconciler;
    }
}

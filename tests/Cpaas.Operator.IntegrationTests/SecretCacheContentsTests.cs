using System.Text;
using Controller.Runtime;
using Controller.Runtime.Cache;
using Controller.Runtime.Client;
using Controller.Runtime.Hosting;
using Controller.Runtime.Informers;
using Cpaas.Operator.Entities;
using Cpaas.Operator.Entities.Summary;
using Cpaas.Operator.IntegrationTests.Infrastructure;
using Cpaas.Operator.Reconciliation;
using Cpaas.Operator.Secrets;
using k8s;
using k8s.Models;

namespace Cpaas.Operator.IntegrationTests;

/// <summary>
/// What the operator's Secret caches hold (docs/decisions/0030-metadata-only-secrets.md), inspected on the same
/// wiring the operator runs (<see cref="OperatorSecrets"/>), under the operator's service account (RBAC enforced).
/// </summary>
public sealed class SecretCacheContentsTests(SandboxesOnlyFixture fixture) : IClassFixture<SandboxesOnlyFixture>, IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private Kubernetes _kubernetes = null!;
    private Manager _manager = null!;
    private OperatorSecrets _secrets = null!;
    private Informer<CpaasProjectSummary> _projects = null!;
    private string _ns = null!;

    public async Task InitializeAsync()
    {
        _ns = await fixture.CreateNamespaceAsync("cache");
        _kubernetes = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(fixture.OperatorKubeconfig));
        _manager = new Manager(_kubernetes, new ManagerOptions { Namespaces = [_ns], HealthServer = null, Json = OperatorJson.Kube });
        _projects = _manager.AddInformer(new InformerOptions<CpaasProjectSummary> { Namespaces = [_ns] });
        _secrets = OperatorSecrets.Register(_manager, new KubeApiTransport(_kubernetes, OperatorJson.Kube), _projects, [_ns], new StringPool(), TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _manager.StopAsync(CancellationToken.None);
        _secrets.Dispose();
        await _manager.DisposeAsync();
        _kubernetes.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task Only_referenced_Secrets_have_their_data_held_and_a_Secret_no_longer_referenced_is_dropped()
    {
        var unrelated = new string('u', 64 * 1024);
        for (var i = 0; i < 10; i++)
        {
            await fixture.CreateSecretAsync(_ns, $"unrelated-{i}", new Dictionary<string, string> { ["blob"] = unrelated });
        }

        await fixture.CreateSecretAsync(_ns, "sip", new Dictionary<string, string> { ["password"] = "sip-password" });
        await fixture.CreateProjectAsync(_ns, TestProjects.SipPasswordFromSecret("referrer", "referrer"));
        await StartAsync();
        var sip = new ObjectKey(_ns, "sip");
        var referrer = new ObjectKey(_ns, "referrer");

        // What a reconcile does with the whole resource it read (the informer caches a summary without the sections).
        async Task DeclareReferencesAsync() =>
            _secrets.InputSource.Track(referrer, ReferencedSecrets.Of((await fixture.GetProjectAsync(_ns, "referrer"))!));

        await DeclareReferencesAsync();
        Assert.Equal([referrer], _secrets.Referenced.ReferrersOf(sip));

        // Every Secret but the operator's own is known by its metadata; no cache holds the data of one nobody references.
        Assert.Equal(11, _secrets.Metadata.Cache.Count);
        Assert.Empty(_secrets.Connection.Cache.List());
        Assert.False(_secrets.Referenced.Holds(sip));

        var read = await _secrets.InputSource.GetAsync(sip, CancellationToken.None);
        Assert.Equal("sip-password", Encoding.UTF8.GetString(read!.Data["password"]));
        Assert.True(_secrets.Referenced.Holds(sip));
        Assert.Equal(1, _secrets.Referenced.CachedCount);

        // A read of an unreferenced Secret (no CpaasProject names it) is answered but never kept.
        var other = await _secrets.InputSource.GetAsync(new ObjectKey(_ns, "unrelated-0"), CancellationToken.None);
        Assert.NotNull(other);
        Assert.False(_secrets.Referenced.Holds(new ObjectKey(_ns, "unrelated-0")));
        Assert.Equal(1, _secrets.Referenced.CachedCount);

        // The reference goes: the data goes with it.
        await fixture.PatchProjectAsync(_ns, "referrer", """{"spec":{"video":{"sip":null}}}""");
        await DeclareReferencesAsync();
        Assert.False(_secrets.Referenced.Holds(sip));
        Assert.Empty(_secrets.Referenced.ReferrersOf(sip));
        Assert.Equal(0, _secrets.Referenced.CachedCount);

        // Only the namespace's credentials Secret stays referenced (watched while absent, so creating it is noticed).
        Assert.Equal(1, _secrets.Referenced.ReferencedCount);
        Assert.Equal([referrer], _secrets.Referenced.ReferrersOf(new ObjectKey(_ns, Cpaas.Operator.Entities.WellKnownNames.NamespaceCredentialsSecret)));
    }

    [Fact]
    public async Task A_deleted_CpaasProject_releases_the_Secrets_it_referenced()
    {
        await fixture.CreateSecretAsync(_ns, "sip", new Dictionary<string, string> { ["password"] = "sip-password" });
        var project = await fixture.CreateProjectAsync(_ns, TestProjects.SipPasswordFromSecret("leaving", "leaving"));
        await StartAsync();
        var sip = new ObjectKey(_ns, "sip");
        _secrets.InputSource.Track(ObjectKey.From(project), ReferencedSecrets.Of(project));
        await _secrets.InputSource.GetAsync(sip, CancellationToken.None);
        Assert.True(_secrets.Referenced.Holds(sip));

        await fixture.DeleteProjectAsync(_ns, "leaving");

        await WaitUntilAsync(() => !_secrets.Referenced.Holds(sip) && _secrets.Referenced.ReferencedCount == 0, "the deleted project's Secret to be dropped");
    }

    [Fact]
    public async Task A_connection_Secret_name_taken_by_someone_else_is_seen_by_its_metadata_only_and_a_Secret_whose_label_went_is_read_whole()
    {
        await fixture.CreateSecretAsync(_ns, "users-own", new Dictionary<string, string> { ["app_key"] = "the user's value" });
        var ours = new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = "ours",
                Labels = new Dictionary<string, string> { [WellKnownNames.Labels.ManagedBy] = WellKnownNames.Labels.ManagedByValue },
            },
            StringData = new Dictionary<string, string> { ["app_id"] = "a1" },
        };
        await fixture.Admin.CoreV1.CreateNamespacedSecretAsync(ours, _ns);
        // A real owner: the garbage collector deletes dependents of owners that do not exist.
        var owner = await fixture.CreateProjectAsync(_ns, """
            metadata:
              name: owner
            spec:
              appName: owner
              categoryId: education
            """);
        var unlabelled = new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = "ours-unlabelled",
                OwnerReferences = [new V1OwnerReference { ApiVersion = WellKnownNames.ApiVersion, Kind = WellKnownNames.Kind, Name = "owner", Uid = owner.Metadata.Uid, Controller = true }],
            },
            StringData = new Dictionary<string, string> { ["app_id"] = "a2" },
        };
        await fixture.Admin.CoreV1.CreateNamespacedSecretAsync(unlabelled, _ns);
        await StartAsync();

        Assert.Equal(["ours"], _secrets.Connection.Cache.List().Select(s => s.Metadata.Name));

        // The operator's own Secrets are held once, whole, not a second time by their metadata; a project that
        // references one as an input still reads it.
        Assert.Null(_secrets.Metadata.Cache.Get(new ObjectKey(_ns, "ours")));
        Assert.NotNull(_secrets.Metadata.Cache.Get(new ObjectKey(_ns, "users-own")));
        Assert.Equal("a1", Encoding.UTF8.GetString((await _secrets.InputSource.GetAsync(new ObjectKey(_ns, "ours"), CancellationToken.None))!.Data["app_id"]));
        var store = _secrets.ConnectionStore;
        Assert.Equal("a1", Encoding.UTF8.GetString((await store.GetAsync(new ObjectKey(_ns, "ours"), CancellationToken.None))!.Data["app_id"]));

        var foreign = await store.GetAsync(new ObjectKey(_ns, "users-own"), CancellationToken.None);
        Assert.NotNull(foreign);
        Assert.Null(foreign.Data);
        Assert.NotNull(Reconciliation.ConnectionSecret.WhyNotOurs(foreign, new CpaasProject { Metadata = new V1ObjectMeta { Name = "p", Uid = "u" } }));

        var whole = await store.GetAsync(new ObjectKey(_ns, "ours-unlabelled"), CancellationToken.None);
        Assert.Equal("a2", Encoding.UTF8.GetString(whole!.Data["app_id"]));
        Assert.Null(await store.GetAsync(new ObjectKey(_ns, "absent"), CancellationToken.None));
    }

    [Fact]
    public async Task A_create_that_finds_the_name_taken_before_the_cache_saw_it_reports_the_Secret_on_the_next_read()
    {
        await StartAsync();
        var store = _secrets.ConnectionStore;
        var key = new ObjectKey(_ns, "raced");

        // Created behind the operator's back; the store is asked before its metadata watch can know.
        await fixture.CreateSecretAsync(_ns, "raced", new Dictionary<string, string> { ["x"] = "y" });
        var error = await Assert.ThrowsAsync<Controller.Runtime.Client.KubeApiException>(() => store.CreateAsync(
            new V1Secret { ApiVersion = "v1", Kind = "Secret", Metadata = new V1ObjectMeta { Name = "raced", NamespaceProperty = _ns }, StringData = new Dictionary<string, string> { ["x"] = "z" } },
            CancellationToken.None));
        Assert.True(error.IsAlreadyExists);

        var seen = await store.GetAsync(key, CancellationToken.None);
        Assert.NotNull(seen);
        Assert.Null(seen.Data);
    }

    private async Task StartAsync()
    {
        await _manager.StartAsync(_stop.Token);
        using var deadline = new CancellationTokenSource(fixture.Patience);
        await _projects.WaitForSyncAsync(deadline.Token);
        await _secrets.Metadata.WaitForSyncAsync(deadline.Token);
        await _secrets.Connection.WaitForSyncAsync(deadline.Token);
    }

    private async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(fixture.Patience);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!condition())
        {
            try
            {
                await timer.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"Waiting for {what}: not reached within {fixture.Patience}.");
            }
        }
    }
}

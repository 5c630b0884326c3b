using System.Text;
using Controller.Runtime.Client;
using Controller.Runtime.Events;
using Controller.Runtime.LeaderElection;
using Controller.Runtime.Tests.Support;
using k8s;
using k8s.Models;
using Kube.Sandbox.Diagnostics;

namespace Controller.Runtime.Tests.Integration;

/// <summary>
/// A connection with a <see cref="KubeClientIdentity"/> names itself on every request (User-Agent) and every write
/// (fieldManager), through the real HTTP stack: what the sandbox received is read from its request counters.
/// </summary>
public sealed class ClientIdentityIntegrationTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private static readonly HashSet<string> Writes = ["create", "update", "patch"];

    [Fact]
    public async Task Every_request_carries_the_User_Agent_and_every_create_update_and_patch_the_field_manager()
    {
        var ns = await fixture.CreateNamespaceAsync();
        // Unique per test: the sandbox's counters are shared by the class.
        var name = $"widget-operator-{Guid.NewGuid().ToString("N")[..8]}";
        var identity = new KubeClientIdentity($"{name}/2.3.4", name);
        using var connection = new KubeConnection(KubernetesClientConfiguration.BuildConfigFromConfigFile(fixture.Sandbox.AdminKubeconfigPath), identity);
        var transport = new KubeApiTransport(connection, TestJson.Kube);
        var widgets = new ResourceClient<Widget>(transport);
        var ct = CancellationToken.None;

        var fresh = Objects.Widget(ns, "w");
        fresh.Metadata.ResourceVersion = null;
        var widget = await widgets.CreateAsync(fresh, ct);
        await widgets.GetAsync(new ObjectKey(ns, "w"), ct);
        await widgets.ListAsync(ns, new ListRequest(), ct);
        await foreach (var _ in widgets.WatchAsync(ns, new WatchRequest { ResourceVersion = widget.Metadata.ResourceVersion, Timeout = TimeSpan.FromSeconds(1) }, ct))
        {
        }

        widget = await widgets.ReplaceAsync(widget, ct);
        widget = await widgets.ReplaceStatusAsync(widget, ct);
        await widgets.PatchAsync(new ObjectKey(ns, "w"), PatchType.Merge, """{"metadata":{"labels":{"patched":"yes"}}}""", ct);
        await widgets.PatchStatusAsync(new ObjectKey(ns, "w"), PatchType.Merge, """{"status":{"phase":"Ready"}}""", ct);
        var events = new KubernetesEventSink(transport);
        await events.CreateAsync(new Corev1Event { Metadata = new V1ObjectMeta { Name = "w.1", NamespaceProperty = ns }, InvolvedObject = new V1ObjectReference { Kind = "Widget", Name = "w", NamespaceProperty = ns }, Reason = "Tested", Message = "m", Type = "Normal" }, ct);
        await events.UpdateCountAsync(ns, "w.1", 2, DateTime.UtcNow, ct);
        var leases = new KubernetesLeaseStore(transport, ns, "leader");
        var now = DateTimeOffset.UtcNow;
        Assert.True(await leases.TryCreateAsync(new LeaseRecord("me", 15, now, now, 0), ct));
        var lease = await leases.GetAsync(ct);
        Assert.True(await leases.TryUpdateAsync(new LeaseRecord("me", 15, now, now.AddSeconds(1), 0), lease!.ResourceVersion!, ct));
        await widgets.DeleteAsync(new ObjectKey(ns, "w"), ct);

        var received = Received(name);
        var verbs = received.Select(k => (k.Verb, k.Resource)).ToHashSet();
        Assert.Superset(
            new HashSet<(string, string)>
            {
                ("create", "widgets"), ("get", "widgets"), ("list", "widgets"), ("watch", "widgets"), ("update", "widgets"), ("update", "widgets/status"),
                ("patch", "widgets"), ("patch", "widgets/status"), ("create", "events"), ("patch", "events"), ("create", "leases"), ("update", "leases"), ("delete", "widgets"),
            },
            verbs);
        Assert.All(received, k => Assert.Equal($"{name}/2.3.4", k.UserAgent));
        Assert.All(received.Where(k => Writes.Contains(k.Verb)), k => Assert.Equal(name, k.FieldManager));
        Assert.All(received.Where(k => !Writes.Contains(k.Verb)), k => Assert.Equal(string.Empty, k.FieldManager));
    }

    [Fact]
    public async Task A_field_manager_the_caller_sets_is_kept()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var name = $"widget-operator-{Guid.NewGuid().ToString("N")[..8]}";
        using var connection = new KubeConnection(KubernetesClientConfiguration.BuildConfigFromConfigFile(fixture.Sandbox.AdminKubeconfigPath), new KubeClientIdentity($"{name}/1.0.0", name));
        var transport = new KubeApiTransport(connection);

        using var created = await transport.SendAsync(
            HttpMethod.Post, $"api/v1/namespaces/{ns}/configmaps", [new("fieldManager", "someone-else")],
            new StringContent("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}""", Encoding.UTF8, "application/json"), CancellationToken.None);

        var create = Assert.Single(Received(name), k => k.Verb == "create");
        Assert.Equal("someone-else", create.FieldManager);
    }

    private List<RequestKey> Received(string userAgentProduct) =>
        [.. fixture.Sandbox.Requests.Snapshot().Keys.Where(k => k.UserAgent.StartsWith(userAgentProduct + "/", StringComparison.Ordinal))];
}

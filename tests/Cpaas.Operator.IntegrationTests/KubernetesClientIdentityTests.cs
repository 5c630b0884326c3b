using Cpaas.Operator.Hosting;
using Cpaas.Operator.IntegrationTests.Infrastructure;

namespace Cpaas.Operator.IntegrationTests;

/// <summary>
/// The operator names itself to Kubernetes: User-Agent cpaas-operator/VERSION on every request, fieldManager
/// cpaas-operator on every create, update and patch (the project's status, its Secret, Events and the Lease included).
/// What the API server received is read from the sandbox's request counters (user, verb, resource, User-Agent,
/// fieldManager); alone in its fixture so that they hold only this test's requests.
/// </summary>
public sealed class KubernetesClientIdentityTests(OperatorFixture fixture) : IClassFixture<OperatorFixture>
{
    private static readonly HashSet<string> Writes = ["create", "update", "patch"];

    [Fact]
    public async Task Every_request_of_the_operator_carries_its_User_Agent_and_every_write_its_field_manager()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.CreateProjectAsync(ns, """
            metadata:
              name: named
            spec:
              appName: named-project
              categoryId: education
              video:
                notificationUrl: https://hooks.example.com/named
            """);
        await fixture.WaitForReadyAsync(ns, "named");
        // Events are written in the background, after the status that made the project Ready.
        using var deadline = new CancellationTokenSource(fixture.Patience);
        await fixture.Kube.Requests.WaitUntilAsync(r => r.Writes(resource: "events", user: OperatorFixture.OperatorUser) > 0, deadline.Token);

        var received = fixture.Kube.Requests.Snapshot().Keys.Where(k => k.User == OperatorFixture.OperatorUser).ToList();

        Assert.Equal("cpaas-operator", KubernetesClientName.FieldManager);
        Assert.All(received, k => Assert.Equal($"cpaas-operator/{KubernetesClientName.Version}", k.UserAgent));
        var writes = received.Where(k => Writes.Contains(k.Verb)).ToList();
        Assert.All(writes, k => Assert.Equal("cpaas-operator", k.FieldManager));
        Assert.All(received.Where(k => !Writes.Contains(k.Verb)), k => Assert.Equal(string.Empty, k.FieldManager));
        foreach (var resource in new[] { "cpaasprojects/status", "secrets", "events", "leases" })
        {
            Assert.True(writes.Any(k => k.Resource == resource), $"no write to {resource} was seen: {string.Join(", ", writes.Select(k => $"{k.Verb} {k.Resource}"))}");
        }

        Assert.Contains(received, k => k.Verb == "watch");
    }
}

using Cpaas.Operator.Entities;
using Cpaas.Operator.IntegrationTests.Infrastructure;
using Cpaas.Sandbox.Api;

namespace Cpaas.Operator.IntegrationTests;

/// <summary>
/// docs/RECONCILE.md contract 6: a no-op reconcile makes exactly one GET and no write to either API. Alone in its fixture, so that
/// the Kubernetes request counters (which count by user, verb and resource, not namespace) see only this resource.
/// </summary>
public sealed class NoOpResyncTests(FastResyncOperatorFixture fixture) : IClassFixture<FastResyncOperatorFixture>
{
    private static readonly string[] WatchedResources = ["cpaasprojects", "cpaasprojects/status", "secrets", "events"];

    [Fact]
    public async Task A_no_op_resync_makes_exactly_one_GET_and_no_write_to_either_API()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.CreateProjectAsync(ns, """
            metadata:
              name: steady
            spec:
              appName: steady-project
              categoryId: education
              shortDescription: Nothing changes
              description: A converged project
              video:
                notificationUrl: https://hooks.example.com/steady
                sip:
                  serverUrl: sip.example.com
                  username: steady
            """);
        var appId = (await fixture.WaitForReadyAsync(ns, "steady")).Status!.AppId!;

        // The first resync after creation may legitimately write status (GET tells what the add response did not,
        // such as the project status). Once the second GET is seen, that reconcile is over: count from there.
        await fixture.WaitForJournalAsync(e => e.Count(x => x.AppId == appId && x.Operation == SandboxOperation.GetProject) >= 2, "two resync GETs");
        fixture.Cpaas.Journal.Clear();
        fixture.Kube.Requests.Reset();

        await fixture.WaitForJournalAsync(e => e.Count(x => x.Operation == SandboxOperation.GetProject) >= 3, "three resync GETs", TimeSpan.FromSeconds(30));
        var kubeWrites = WatchedResources.ToDictionary(r => r, r => fixture.Kube.Requests.Writes(resource: r, user: OperatorFixture.OperatorUser));
        var calls = fixture.Cpaas.Journal.Entries().Take(3).ToList();

        Assert.All(calls, e => Assert.Equal(SandboxOperation.GetProject, e.Operation));
        Assert.All(calls, e => Assert.Equal(appId, e.AppId));
        Assert.All(kubeWrites, w => Assert.True(w.Value == 0, $"{w.Value} writes to {w.Key} during no-op resyncs"));

        // One GET per resync, not a burst of GETs per reconcile: consecutive GETs are about one interval apart.
        for (var i = 1; i < calls.Count; i++)
        {
            var gap = calls[i].Time - calls[i - 1].Time;
            Assert.True(gap >= fixture.ResyncInterval * 0.5, $"GET {i} came {gap.TotalMilliseconds:0} ms after the previous one");
        }

        var project = await fixture.GetProjectAsync(ns, "steady");
        Assert.True(OperatorFixture.HasCondition(project, WellKnownNames.ConditionTypes.Ready, WellKnownNames.ConditionStatus.True));
    }
}

using Cpaas.Operator.Entities;
using Cpaas.Operator.IntegrationTests.Infrastructure;
using Cpaas.Sandbox.Api;

namespace Cpaas.Operator.IntegrationTests;

/// <summary>
/// docs/RECONCILE.md contract 2 and 10 against the real operator process: killed between a committed POST (add, reset_key) and
/// the status write, then started again, it neither duplicates the project nor repeats or loses the rotation.
/// </summary>
public sealed class CrashRecoveryTests(SandboxesOnlyFixture fixture) : IClassFixture<SandboxesOnlyFixture>
{
    [Fact]
    public async Task A_kill_between_POST_add_and_the_status_write_leaves_exactly_one_project_after_restart()
    {
        var ns = await fixture.CreateNamespaceAsync();
        using var hold = fixture.Cpaas.Faults.HoldAfterCommit(SandboxOperation.AddProject);
        await using (var first = StartOperator("crash-add-1"))
        {
            await fixture.CreateProjectAsync(ns, """
                metadata:
                  name: crashy
                spec:
                  appName: crashy-project
                  categoryId: education
                  video:
                    notificationUrl: https://hooks.example.com/crashy
                """);
            using var deadline = new CancellationTokenSource(fixture.Patience * 2);
            await hold.WaitUntilHeldAsync(1, deadline.Token);

            var midway = await fixture.GetProjectAsync(ns, "crashy");
            Assert.Null(midway!.Status?.AppId);
            Assert.True(midway.Metadata.Annotations?.ContainsKey(WellKnownNames.Annotations.PendingCreate), "the marker is written before the POST");

            await first.KillAsync();
        }

        hold.Release();
        var committed = Assert.Single(fixture.Cpaas.Store.FindByName("crashy-project"));

        await using var second = StartOperator("crash-add-2");
        var ready = await fixture.WaitForReadyAsync(ns, "crashy");

        Assert.Equal(committed.AppId, ready.Status!.AppId);
        Assert.Single(fixture.Cpaas.Store.FindByName("crashy-project"));
        Assert.Single(fixture.AddsNamed("crashy-project"));
        Assert.False(ready.Metadata.Annotations?.ContainsKey(WellKnownNames.Annotations.PendingCreate) ?? false, "the marker is cleared");
        var secret = await fixture.GetSecretAsync(ns, "crashy-cpaas");
        Assert.Equal(committed.AppId, OperatorFixture.SecretValue(secret, WellKnownNames.ConnectionSecretKeys.AppId));
        Assert.Equal(committed.AppKey, OperatorFixture.SecretValue(secret, WellKnownNames.ConnectionSecretKeys.AppKey));
        Assert.Equal("https://hooks.example.com/crashy", fixture.Cpaas.Store.Find(committed.AppId)!.Video["notification_url"]?.GetValue<string>());
        await fixture.WaitForEventAsync(ns, "crashy", "ProjectRecovered");
    }

    [Fact]
    public async Task A_kill_between_reset_key_and_the_Secret_update_neither_repeats_nor_loses_the_rotation()
    {
        var ns = await fixture.CreateNamespaceAsync();
        string appId;
        string oldKey;
        using var hold = fixture.Cpaas.Faults.HoldAfterCommit(SandboxOperation.ResetKey);
        await using (var first = StartOperator("crash-rotate-1"))
        {
            await fixture.CreateProjectAsync(ns, """
                metadata:
                  name: rotor
                spec:
                  appName: rotor-project
                  categoryId: education
                  video: {}
                """);
            appId = (await fixture.WaitForReadyAsync(ns, "rotor")).Status!.AppId!;
            oldKey = fixture.Cpaas.Store.Find(appId)!.AppKey;

            await fixture.PatchProjectAsync(ns, "rotor", """{"spec":{"apiKeyRotation":{"requestedAt":"rotate-1"}}}""");
            using var deadline = new CancellationTokenSource(fixture.Patience);
            await hold.WaitUntilHeldAsync(1, deadline.Token);
            await first.KillAsync();
        }

        hold.Release();
        var newKey = fixture.Cpaas.Store.Find(appId)!.AppKey;
        Assert.NotEqual(oldKey, newKey);

        await using var second = StartOperator("crash-rotate-2");
        var done = await fixture.WaitForProjectAsync(ns, "rotor",
            p => p?.Status?.LastRotationToken == "rotate-1" && OperatorFixture.HasCondition(p, WellKnownNames.ConditionTypes.Ready, WellKnownNames.ConditionStatus.True),
            "Ready with rotate-1 handled");
        var secret = await fixture.WaitForSecretAsync(ns, "rotor-cpaas",
            s => OperatorFixture.SecretValue(s, WellKnownNames.ConnectionSecretKeys.AppKey) == fixture.Cpaas.Store.Find(appId)!.AppKey, "the project's current key in the Secret");

        Assert.Null(done!.Status!.PendingRotation);
        Assert.Equal(1, fixture.JournalFor(appId).Count(e => e.Operation == SandboxOperation.ResetKey));
        Assert.Equal(newKey, fixture.Cpaas.Store.Find(appId)!.AppKey);
        Assert.Equal(newKey, OperatorFixture.SecretValue(secret, WellKnownNames.ConnectionSecretKeys.AppKey));
    }

    private OperatorProcess StartOperator(string identity)
    {
        var process = OperatorProcess.Start(fixture.OperatorArgs(identity, leaderElect: false), fixture.OperatorEnvironment());
        fixture.ProcessLogTail = () => $"[{identity}, pid {process.Id}, exited: {process.HasExited}]\n{process.OutputTail()}";
        return process;
    }
}

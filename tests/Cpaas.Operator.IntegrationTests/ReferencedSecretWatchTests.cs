using System.Diagnostics;
using System.Text.Json.Nodes;
using Cpaas.Operator.IntegrationTests.Infrastructure;
using k8s;
using k8s.Models;
using Xunit.Abstractions;

namespace Cpaas.Operator.IntegrationTests;

/// <summary>
/// The operator watches Secrets by metadata only and reads a Secret's data only when a CpaasProject references it
/// (docs/decisions/0030-metadata-only-secrets.md): changes of unrelated Secrets cost no read, and a referenced
/// Secret's change reaches the CPaaS project through the watch, not through a periodic resync (10 minutes here).
/// </summary>
public sealed class ReferencedSecretWatchTests(OperatorFixture fixture, ITestOutputHelper output) : IClassFixture<OperatorFixture>
{
    [Fact]
    public async Task A_referenced_Secret_change_is_applied_through_the_watch_and_unrelated_Secrets_are_never_read()
    {
        var unrelatedNs = await fixture.CreateNamespaceAsync("unrelated");
        for (var i = 0; i < 20; i++)
        {
            await fixture.CreateSecretAsync(unrelatedNs, $"helm-release-{i}", new Dictionary<string, string> { ["release"] = new string('r', 16 * 1024) });
        }

        var ns = await fixture.CreateNamespaceAsync();
        await fixture.CreateSecretAsync(ns, "sip", new Dictionary<string, string> { ["password"] = "first-sip-password" });
        await fixture.CreateProjectAsync(ns, TestProjects.SipPasswordFromSecret("watcher", "watcher-project"));
        var ready = await fixture.WaitForReadyAsync(ns, "watcher");
        var appId = ready.Status!.AppId!;
        var readsBefore = SecretReads();

        // Unrelated Secrets change first; the metadata watch delivers events in order, so by the time the referenced
        // Secret's change has been applied, every one of these has been seen (and cost nothing).
        for (var i = 0; i < 20; i++)
        {
            await fixture.Admin.CoreV1.PatchNamespacedSecretAsync(
                new V1Patch(new JsonObject { ["stringData"] = new JsonObject { ["release"] = $"v{i}" } }.ToJsonString(), V1Patch.PatchType.MergePatch), $"helm-release-{i}", unrelatedNs);
        }

        var changed = Stopwatch.StartNew();
        await fixture.Admin.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch(new JsonObject { ["stringData"] = new JsonObject { ["password"] = "second-sip-password" } }.ToJsonString(), V1Patch.PatchType.MergePatch), "sip", ns);
        await fixture.WaitForJournalAsync(_ => SipPassword(appId) == "second-sip-password", "the PATCH carrying the new SIP password");
        output.WriteLine($"Secret change to CPaaS PATCH: {changed.ElapsedMilliseconds} ms (watch-driven; the resync interval is {fixture.ResyncInterval})");

        // One GET: the referenced Secret after its change. Unrelated Secrets were never read, before or after.
        Assert.Equal(1, SecretReads() - readsBefore);
    }

    private string? SipPassword(string appId) => fixture.Cpaas.Store.Find(appId)?.Video["sip"]?["password"]?.GetValue<string>();

    private long SecretReads() => fixture.Kube.Requests.Count(verb: "get", resource: "secrets", user: OperatorFixture.OperatorUser);
}

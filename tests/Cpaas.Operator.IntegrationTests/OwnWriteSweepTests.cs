using System.Text.Json.Nodes;
using Cpaas.Operator.IntegrationTests.Infrastructure;
using Cpaas.Sandbox.Api;
using Cpaas.Sandbox.Portal;

namespace Cpaas.Operator.IntegrationTests;

/// <summary>
/// docs/decisions/0042 through the real stack: the operator's own writes are checked by one GET (never assumed), and
/// pages are compared with the previous sweep's time on the API's clock (the sandbox's Date header), so an idle fleet
/// right after a burst costs one list request per sweep once the margin has passed.
/// </summary>
public sealed class OwnWriteSweepTests(OwnWriteSweepFixture fixture) : IClassFixture<OwnWriteSweepFixture>
{
    [Fact]
    public async Task A_portal_edit_seconds_after_the_operators_own_write_is_repaired_by_the_sweep()
    {
        var (_, appId) = await DriftSweepSupport.CreateReadyAsync(fixture, "own-write");
        var lastOwnWrite = fixture.JournalFor(appId).Last(e => e.Operation is SandboxOperation.AddProject or SandboxOperation.PatchVideo);
        var sequence = DriftSweepSupport.LastSequence(fixture);

        // Seconds (well within the 5 s margin) after the operator's own PATCH: before, the sweep took the moved
        // updated_at for that write and nothing but the hourly full observe would have repaired it.
        fixture.Cpaas.Portal.ChangeSection(appId, ServiceSection.Video, new JsonObject { ["notification_url"] = "https://elsewhere.example.com/hook" });

        await fixture.WaitForJournalAsync(e => e.Any(x => x.Sequence > sequence && x.AppId == appId && x.Operation == SandboxOperation.PatchVideo), "the PATCH video that repairs the portal edit");
        var journal = fixture.JournalFor(appId).Where(e => e.Sequence > sequence).ToList();
        var repair = journal.First(e => e.Operation == SandboxOperation.PatchVideo);
        Assert.Equal(["notification_url"], OperatorFixture.BodyJson(repair)!.Select(p => p.Key));
        Assert.Equal("https://hooks.example.com/own-write", fixture.Cpaas.Store.Find(appId)!.Video["notification_url"]!.GetValue<string>());
        // Full observes are an hour away: the GET before the repair is the one a sweep finding asked for (the check
        // of the operator's own write, or the moved updated_at), whichever sweep came first after the edit.
        Assert.Contains(journal, e => e.Operation == SandboxOperation.GetProject && e.Sequence < repair.Sequence);
        Assert.Contains(fixture.Cpaas.Journal.Entries(), e => e.Sequence > lastOwnWrite.Sequence && e.Sequence < repair.Sequence && DriftSweepSupport.IsFirstPageList(e));
        Assert.DoesNotContain(fixture.Logs.Records, r => r.Message.Contains("now read every page", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_idle_fleet_right_after_a_burst_costs_one_list_request_per_sweep()
    {
        // 11 projects updated together, 3 per page: before, 4 list pages per sweep, every sweep, with nothing changing.
        var ns = await fixture.CreateNamespaceAsync("burst");
        for (var i = 0; i < 11; i++)
        {
            await fixture.CreateProjectAsync(ns, $$"""
                metadata:
                  name: burst-{{i}}
                spec:
                  categoryId: education
                  video:
                    notificationUrl: https://hooks.example.com/burst
                """);
        }

        var appIds = new List<string>();
        for (var i = 0; i < 11; i++)
        {
            appIds.Add((await fixture.WaitForReadyAsync(ns, $"burst-{i}")).Status!.AppId!);
        }

        // Each project's own writes are checked by one GET at a following sweep.
        await fixture.WaitForJournalAsync(
            e => appIds.All(id => e.Any(x => x.AppId == id && x.Operation == SandboxOperation.GetProject)),
            "one check GET per written project");

        // Settled: the last three requests are single-page sweeps (once the margin has passed since the burst).
        await fixture.WaitForJournalAsync(e => e.Count >= 3 && e.TakeLast(3).All(DriftSweepSupport.IsFirstPageList), "three idle sweeps in a row", TimeSpan.FromSeconds(90));
        var sequence = DriftSweepSupport.LastSequence(fixture);

        const int Sweeps = 5;
        await fixture.WaitForJournalAsync(e => e.Count(x => x.Sequence > sequence && DriftSweepSupport.IsFirstPageList(x)) >= Sweeps, $"{Sweeps} more sweeps");
        var after = fixture.Cpaas.Journal.Entries().Where(e => e.Sequence > sequence).ToList();
        var sweeps = after.TakeWhile((_, i) => after.Take(i + 1).Count(DriftSweepSupport.IsFirstPageList) <= Sweeps).ToList();
        Assert.Equal(Sweeps, sweeps.Count);
        Assert.All(sweeps, e => Assert.True(DriftSweepSupport.IsFirstPageList(e), $"{e.Method} {e.Path}: an idle sweep reads one page and nothing else"));
        // A cost per write: one check GET, and one more only when that GET fell in the second of a sweep's start.
        Assert.All(appIds, id => Assert.InRange(fixture.JournalFor(id).Count(e => e.Operation == SandboxOperation.GetProject), 1, 3));
    }
}

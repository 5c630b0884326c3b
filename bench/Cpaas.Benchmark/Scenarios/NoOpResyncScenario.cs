using Cpaas.Benchmark.Harness;
using Cpaas.Benchmark.Reporting;
using Cpaas.Sandbox.Api;
using static Cpaas.Benchmark.Reporting.Units;

namespace Cpaas.Benchmark.Scenarios;

/// <summary>
/// With every resource Ready, one drift check of all of them. The operator is restarted (fresh in-memory ledger)
/// with a short resync interval: a restarted operator spreads the first check of each converged resource uniformly
/// over one interval, so within one interval every resource is observed exactly once. The window runs from the
/// process start until every project was read once, plus a few seconds for any write a read would cause.
/// A second GET of a project within 0.9 interval of its first (the earliest a jittered next check may come) is
/// counted as an early repeat: that would be a bug. Reads after that (the next, jittered check of a project whose
/// first check came early in the window) are the following resync, reported as gets_in_window but not counted.
/// The restarted process's first drift sweep runs at start too (the drift sweep is a leader-only runnable, started
/// once the caches synced): a new process does not know when the previous sweep ran, so that sweep lists every page.
/// Its list requests are a cost per start, not per resource, and are reported apart (drift_sweep_list_pages), not as
/// calls of the resync. This runs twice. The first pass is each new project's first drift check: the only moment the operator learns
/// what only GET returns (status, status_ex, suspended_at), so it writes status.projectStatus once per project; it is
/// reported as first_check_after_create. The second pass is the steady-state no-op resync the target is about.
/// </summary>
public static class NoOpResyncScenario
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static async Task<ScenarioReport> RunAsync(FleetSession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var n = session.Layout.Count;
        var interval = session.Options.ResyncInterval
            ?? TimeSpan.FromSeconds(Math.Ceiling(Math.Max(30, 2 * n / session.Options.RateLimit)));

        var first = await MeasureAsync(session, interval, ct);
        var steady = await MeasureAsync(session, interval, ct);

        var report = new ScenarioReport("noop_resync");
        report.Json["n"] = n;
        report.Json["method"] = "restart with a fresh ledger and a short resync interval; window = until every project was read once; second pass (the first is each project's first check after create)";
        report.Json["interval_seconds"] = interval.TotalSeconds;
        steady.WriteJson(report.Json);
        var firstJson = new System.Text.Json.Nodes.JsonObject();
        first.WriteJson(firstJson);
        firstJson.Remove("met");
        report.Json["first_check_after_create"] = firstJson;

        report.Row("resync interval (s)", F(interval.TotalSeconds, 0));
        report.Row("first check after create: CPaaS calls", Inline(first.Calls));
        report.Row("first check after create: Kubernetes writes", Inline(first.KubeWrites));
        report.Row("first check after create: status fields", Inline(first.ChangedFields));
        steady.WriteRows(report);
        return report;
    }

    private static async Task<Pass> MeasureAsync(FleetSession session, TimeSpan interval, CancellationToken ct)
    {
        var bed = session.Bed;
        var n = session.Layout.Count;
        // The previous operator stops before the counters are reset, so its last requests are not counted.
        await session.StopAsync();
        var before = await StatusesAsync(bed, ct);
        bed.Kube.Requests.Reset();
        bed.Cpaas.Journal.Clear();
        var process = await session.RestartAsync(session.Launch(interval), ct);
        var windowStart = process.StartedAt;

        var firstGet = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var earlyRepeats = 0;
        long seen = 0;
        var deadline = DateTimeOffset.UtcNow + (interval * 1.3) + TimeSpan.FromSeconds(30);
        while (firstGet.Count < n && DateTimeOffset.UtcNow < deadline)
        {
            foreach (var entry in bed.Cpaas.Journal.Since(seen))
            {
                seen = entry.Sequence;
                if (entry.Operation != SandboxOperation.GetProject || entry.AppId is null)
                {
                    continue;
                }

                if (!firstGet.TryAdd(entry.AppId, entry.Time) && entry.Time - firstGet[entry.AppId] < interval * 0.9)
                {
                    earlyRepeats++;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct); // Reading the journal as the window runs.
        }

        var windowEnd = firstGet.Values.DefaultIfEmpty(windowStart).Max();
        await Task.Delay(Settle, ct); // Leave time for any write that a read would cause.
        var entries = bed.Cpaas.Journal.Entries().Where(e => e.Time <= windowEnd + Settle).ToList();
        var calls = entries.GroupBy(e => e.Operation).ToDictionary(g => g.Key, g => g.Count());
        var kube = KubeRequestBreakdown.Of(bed.Kube.Requests, TestBed.OperatorUser);
        var after = await StatusesAsync(bed, ct);
        var changedFields = before.Keys.Intersect(after.Keys)
            .SelectMany(key => JsonLeafDiff.Paths(before[key], after[key], "status"))
            .GroupBy(path => path)
            .ToDictionary(g => g.Key, g => (long)g.Count());
        return new Pass(n, (windowEnd - windowStart).TotalSeconds, firstGet.Count, earlyRepeats, calls, kube, changedFields);
    }

    private sealed record Pass(
        int N,
        double WindowSeconds,
        int Observed,
        int EarlyRepeats,
        Dictionary<SandboxOperation, int> Calls,
        KubeRequestBreakdown Kube,
        Dictionary<string, long> ChangedFields)
    {
        // One check of every resource: each project's first read, plus any read of it before its next check may be due.
        public int Gets => Observed + EarlyRepeats;

        // The start-up sweep's pages are counted apart (see the class comment); every other call is one too many.
        public int Others => Calls.Where(p => p.Key is not SandboxOperation.GetProject and not SandboxOperation.ListProjects).Sum(p => p.Value);

        public int SweepListPages => Calls.GetValueOrDefault(SandboxOperation.ListProjects);

        public IReadOnlyDictionary<string, long> KubeWrites => Kube.Writes(includeLeases: false);

        public bool Met => Observed == N && Gets == N && Others == 0 && KubeWrites.Count == 0;

        public void WriteJson(System.Text.Json.Nodes.JsonObject json)
        {
            json["window_seconds"] = Round(WindowSeconds);
            json["resources_observed"] = Observed;
            json["cpaas_calls"] = Counts(Calls);
            json["gets_per_resource"] = Round(Gets / (double)N, 3);
            json["gets_in_window"] = Calls.GetValueOrDefault(SandboxOperation.GetProject);
            json["early_repeat_gets"] = EarlyRepeats;
            json["drift_sweep_list_pages"] = SweepListPages;
            json["kube_writes"] = Counts(KubeWrites);
            json["kube_lease_writes"] = Kube.WriteCount(includeLeases: true) - Kube.WriteCount(includeLeases: false);
            json["kube_requests"] = Counts(Kube.ByVerbAndResource);
            json["status_fields_changed"] = Counts(ChangedFields);
            json["met"] = Met;
        }

        public void WriteRows(ScenarioReport report)
        {
            report.Row("resources observed", $"{Observed}/{N}");
            report.Row("GETs per resource", F(Gets / (double)N, 3), "1", Gets == N && Observed == N);
            report.Row("other CPaaS calls", I(Others), "0", Others == 0);
            report.Row("start-up drift sweep: list pages", I(SweepListPages));
            report.Row("CPaaS calls", Inline(Calls));
            report.Row("early repeat GETs", I(EarlyRepeats), "0", EarlyRepeats == 0);
            report.Row("Kubernetes writes (no leases)", I(KubeWrites.Values.Sum()), "0", KubeWrites.Count == 0);
            report.Row("Kubernetes writes by resource", Inline(KubeWrites));
            report.Row("status fields changed", Inline(ChangedFields));
        }
    }

    private static async Task<Dictionary<string, System.Text.Json.Nodes.JsonNode?>> StatusesAsync(TestBed bed, CancellationToken ct)
    {
        var (items, _) = await bed.Admin.ListAsync(Harness.Kube.ManifestPaths.AllProjects, ct);
        return items.ToDictionary(
            i => $"{i["metadata"]?["namespace"]}/{i["metadata"]?["name"]}",
            i => i["status"]?.DeepClone(),
            StringComparer.Ordinal);
    }
}

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
/// </summary>
public static class NoOpResyncScenario
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static async Task<ScenarioReport> RunAsync(FleetSession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var bed = session.Bed;
        var n = session.Layout.Count;
        var interval = session.Options.ResyncInterval
            ?? TimeSpan.FromSeconds(Math.Ceiling(Math.Max(30, 2 * n / session.Options.RateLimit)));

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
        var kubeWrites = kube.Writes(includeLeases: false);
        // One check of every resource: each project's first read, plus any read of it before its next check may be due.
        var gets = firstGet.Count + earlyRepeats;
        var getsInWindow = calls.GetValueOrDefault(SandboxOperation.GetProject);
        var others = calls.Where(p => p.Key != SandboxOperation.GetProject).Sum(p => p.Value);
        var after = await StatusesAsync(bed, ct);
        var changedFields = before.Keys.Intersect(after.Keys)
            .SelectMany(key => JsonLeafDiff.Paths(before[key], after[key], "status"))
            .GroupBy(path => path)
            .ToDictionary(g => g.Key, g => (long)g.Count());
        var met = firstGet.Count == n && gets == n && others == 0 && kubeWrites.Count == 0;

        var report = new ScenarioReport("noop_resync");
        report.Json["n"] = n;
        report.Json["method"] = "restart with a fresh ledger and a short resync interval; window = until every project was read once";
        report.Json["interval_seconds"] = interval.TotalSeconds;
        report.Json["window_seconds"] = Round((windowEnd - windowStart).TotalSeconds);
        report.Json["resources_observed"] = firstGet.Count;
        report.Json["cpaas_calls"] = Counts(calls);
        report.Json["gets_per_resource"] = Round(gets / (double)n, 3);
        report.Json["gets_in_window"] = getsInWindow;
        report.Json["early_repeat_gets"] = earlyRepeats;
        report.Json["kube_writes"] = Counts(kubeWrites);
        report.Json["kube_lease_writes"] = kube.WriteCount(includeLeases: true) - kube.WriteCount(includeLeases: false);
        report.Json["kube_requests"] = Counts(kube.ByVerbAndResource);
        report.Json["status_fields_changed"] = Counts(changedFields);
        report.Json["met"] = met;

        report.Row("resync interval (s)", F(interval.TotalSeconds, 0));
        report.Row("resources observed", $"{firstGet.Count}/{n}");
        report.Row("GETs per resource", F(gets / (double)n, 3), "1", gets == n && firstGet.Count == n);
        report.Row("other CPaaS calls", I(others), "0", others == 0);
        report.Row("CPaaS calls", Inline(calls));
        report.Row("early repeat GETs", I(earlyRepeats), "0", earlyRepeats == 0);
        report.Row("Kubernetes writes (no leases)", I(kubeWrites.Values.Sum()), "0", kubeWrites.Count == 0);
        report.Row("Kubernetes writes by resource", Inline(kubeWrites));
        report.Row("status fields changed", Inline(changedFields));
        return report;
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

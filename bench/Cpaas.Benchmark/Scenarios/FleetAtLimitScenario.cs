using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Cpaas.Benchmark.Harness;
using Cpaas.Benchmark.Reporting;
using Cpaas.Sandbox.Api;
using Cpaas.Sandbox.Journal;
using Cpaas.Sandbox.Portal;
using static Cpaas.Benchmark.Reporting.Units;

namespace Cpaas.Benchmark.Scenarios;

/// <summary>
/// A converged fleet at the account's rate limit (issue 11): N projects in one account (default 10,000), limit 10
/// requests/s on both sides, 20 ms latency, drift sweep every minute, full observes every hour. The fleet is built
/// converged by <see cref="ConvergedFleetBuilder"/>, the operator is started and waits until every resource was
/// reconciled once (no CPaaS call) and its first sweep (every page) completed. Then, over the window (5 minutes):
/// <list type="bullet">
/// <item>30 out-of-band changes through the sandbox's portal, spread over the window less one sweep interval:
/// Edit-level (description or short description), section (video notification URL) and key resets; each one's
/// repair time: until the sandbox's project is back to the spec, or the connection Secret holds the new key.</item>
/// <item>100 spec changes (video notification URL), one at a time, paced over the window; each one's time from
/// just before the Kubernetes write to the PATCH video's arrival in the journal.</item>
/// <item>CPaaS requests per second by operation, 429s, list pages per sweep.</item>
/// </list>
/// </summary>
public static class FleetAtLimitScenario
{
    public const double RateLimit = 10;
    public const int Burst = 10;
    public const int EditCount = 20;
    public const int KeyResetCount = 10;
    public const int ChangeCount = 100;
    public static readonly TimeSpan FullObserveInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan RepairSlack = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static async Task<ScenarioReport> RunAsync(BenchmarkOptions options, Harness.Operator.OperatorRuntime runtime, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var n = options.FleetSize;
        var sweep = options.FleetSweepInterval;
        var window = options.FleetWindow;
        var report = new ScenarioReport("fleet_at_limit");
        report.Json["n"] = n;
        report.Json["rate_limit"] = RateLimit;
        report.Json["burst"] = Burst;
        report.Json["cpaas_latency_ms"] = options.CpaasLatency.TotalMilliseconds;
        report.Json["sweep_interval_seconds"] = sweep.TotalSeconds;
        report.Json["full_observe_interval_seconds"] = FullObserveInterval.TotalSeconds;
        report.Json["window_seconds"] = window.TotalSeconds;
        report.Json["fleet_built_by"] = "sandbox projects through its API without limits + CpaasProjects with finalizer, owned connection Secret and status (appId, Ready=True at generation, updated_at at converge) written through the status subresource; shapes copied from an exemplar the operator converged";

        await using var fleet = await ConvergedFleetBed.StartAsync(options, runtime, n, "fleet_at_limit", RateLimit, Burst, ct);
        report.Json["build_seconds"] = fleet.BuildTimings;
        var startUp = await fleet.StartOperatorAsync(FullObserveInterval, sweep, null, waitForFirstSweep: true, ct);
        report.Json["start_up"] = startUp.ToJson();
        report.Row("fleet", $"{I(n)} converged projects, limit {RateLimit}/s, sweep {sweep.TotalSeconds:F0} s, full observe 1 h");
        report.Row("build (s): exemplar / CPaaS / Kubernetes", $"{fleet.BuildTimings["exemplar_seconds"]} / {fleet.BuildTimings["cpaas_projects_seconds"]} / {fleet.BuildTimings["kubernetes_seconds"]}");
        report.Row("start-up: all reconciled / first sweep done (s)", $"{F(startUp.AllReconciledSeconds, 1)} / {(startUp.FirstSweepSeconds is { } fs ? F(fs, 1) : "-")}");
        report.Row("start-up CPaaS calls", Inline(startUp.Calls));
        report.Row("start-up CPaaS writes (converged fleet)", I(startUp.Writes), "0", startUp.Writes == 0);
        report.Row("Ready before the window", $"{startUp.Ready}/{n}", $"{n}", startUp.Ready == n);

        // The window.
        var members = fleet.Layout.Members;
        var (oobTargets, changeTargets) = Targets(members);
        var journal = fleet.Bed.Cpaas.Journal;
        var since = fleet.LastSequence();
        var windowStart = DateTimeOffset.UtcNow;
        var windowEnd = windowStart + window;
        var outOfBand = OutOfBandAsync(fleet, oobTargets, windowStart, window, sweep, ct);
        var changes = SpecChangesAsync(fleet, changeTargets, windowStart, window, ct);
        await Task.Delay(window, ct); // The window is wall-clock time by definition.
        var windowEntries = journal.Since(since).Where(e => e.Time <= windowEnd).ToList();
        var repairs = await outOfBand;
        var latencies = await changes;
        var after = journal.Since(since);
        var samples = await fleet.Operator!.ScrapeAsync(ct);

        // Requests per second by operation, 429s, sweeps.
        var byOperation = windowEntries.GroupBy(e => e.Operation).ToDictionary(g => g.Key, g => g.Count());
        var rps = new JsonObject();
        foreach (var (operation, count) in byOperation.OrderBy(p => p.Key))
        {
            rps[operation.WireName()] = Round(count / window.TotalSeconds, 3);
        }

        var total = windowEntries.Count / window.TotalSeconds;
        var http429 = windowEntries.Count(e => e.Status == 429);
        var sweeps = ListBursts(windowEntries);
        report.Json["requests_per_second"] = rps;
        report.Json["requests_per_second_total"] = Round(total, 3);
        report.Json["cpaas_calls_in_window"] = Counts(byOperation);
        report.Json["cpaas_http_429_in_window"] = http429;
        report.Json["cpaas_http_429_since_start"] = journal.CountsByStatus().GetValueOrDefault(429);
        report.Json["sweeps_in_window"] = sweeps.Count;
        report.Json["list_pages_per_sweep"] = new JsonArray([.. sweeps.Select(s => (JsonNode)s)]);
        report.Json["drift_metrics"] = DriftMetrics(samples);

        report.Row("CPaaS requests/s in the window", F(total, 2), $"<= {RateLimit}", total <= RateLimit);
        report.Row("  by operation (/s)", string.Join(" ", byOperation.OrderBy(p => p.Key).Select(p => $"{p.Key.WireName()}={F(p.Value / window.TotalSeconds, 3)}")));
        report.Row("sweeps in the window, list pages each", $"{sweeps.Count}: {string.Join(",", sweeps)}");
        report.Row("HTTP 429 in the window", I(http429), "0", http429 == 0);

        // Repairs.
        var target = sweep + RepairSlack;
        var repairJson = new JsonObject();
        foreach (var group in repairs.GroupBy(r => r.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var seconds = group.Where(r => r.Seconds is not null).Select(r => r.Seconds!.Value).ToList();
            var max = seconds.DefaultIfEmpty(double.NaN).Max();
            var repaired = seconds.Count;
            var met = repaired == group.Count() && max <= target.TotalSeconds;
            repairJson[group.Key] = new JsonObject
            {
                ["count"] = group.Count(),
                ["repaired"] = repaired,
                ["p50_seconds"] = Round(Percentiles.Of(seconds, 50), 1),
                ["max_seconds"] = Round(max, 1),
                ["seconds"] = new JsonArray([.. seconds.Select(s => (JsonNode)Round(s, 1))]),
                ["met"] = met,
            };
            report.Row($"repair {group.Key}: repaired, p50 / max (s)", $"{repaired}/{group.Count()}, {F(Percentiles.Of(seconds, 50), 1)} / {F(max, 1)}", $"<= {target.TotalSeconds:F0}", met);
        }

        report.Json["repair"] = repairJson;
        report.Json["repair_target_seconds"] = target.TotalSeconds;

        // Spec changes.
        var arrived = latencies.OfType<SpecChange>().ToList();
        var measured = arrived.Select(c => c.Milliseconds).ToList();
        var p99 = Percentiles.Of(measured, 99);
        var changeTarget = 1000 + options.CpaasLatency.TotalMilliseconds;
        var changesMet = measured.Count == latencies.Count && p99 < changeTarget;
        report.Json["spec_changes"] = new JsonObject
        {
            ["changes"] = latencies.Count,
            ["measured"] = measured.Count,
            ["p50_ms"] = Round(Percentiles.Of(measured, 50), 1),
            ["p90_ms"] = Round(Percentiles.Of(measured, 90), 1),
            ["p99_ms"] = Round(p99, 1),
            ["max_ms"] = Round(measured.DefaultIfEmpty(double.NaN).Max(), 1),
            ["write_to_get_p99_ms"] = Round(Percentiles.Of(arrived.Where(c => c.GetAt is not null).Select(c => c.WriteToGetMilliseconds!.Value).ToList(), 99), 1),
            ["get_to_patch_p99_ms"] = Round(Percentiles.Of(arrived.Where(c => c.GetAt is not null).Select(c => c.GetToPatchMilliseconds!.Value).ToList(), 99), 1),
            ["slowest"] = SlowestChanges(arrived, windowEntries, windowStart),
            ["target_p99_ms"] = changeTarget,
            ["met"] = changesMet,
        };
        report.Row("spec changes measured", $"{measured.Count}/{latencies.Count}");
        report.Row("spec change write -> PATCH p50 / p99 / max (ms)", $"{F(Percentiles.Of(measured, 50), 1)} / {F(p99, 1)} / {F(measured.DefaultIfEmpty(double.NaN).Max(), 1)}", $"p99 < {changeTarget:F0}", changesMet);
        report.Json["cpaas_calls_until_repairs_done"] = Counts(after.GroupBy(e => e.Operation).ToDictionary(g => g.Key, g => g.Count()));
        report.Json["met"] = startUp.Writes == 0 && total <= RateLimit && http429 == 0 && changesMet
            && repairJson.All(p => p.Value?["met"]?.GetValue<bool>() == true);
        return report;
    }

    /// <summary>Out-of-band targets and spec-change targets: distinct members spread over the fleet (not the exemplar).</summary>
    private static (List<FleetMember> OutOfBand, List<FleetMember> Changes) Targets(IReadOnlyList<FleetMember> members)
    {
        var events = EditCount + KeyResetCount;
        var outOfBand = Enumerable.Range(0, events).Select(k => members[1 + (k * (members.Count - 1) / events)]).Distinct().ToList();
        var taken = outOfBand.ToHashSet();
        var free = members.Skip(1).Where(m => !taken.Contains(m)).ToList();
        var changes = Enumerable.Range(0, ChangeCount).Select(k => free[(k * free.Count / ChangeCount) + (free.Count / ChangeCount / 2)]).ToList();
        return (outOfBand, changes);
    }

    private sealed record Repair(string Kind, FleetMember Member, double? Seconds);

    /// <summary>
    /// The out-of-band changes, one every (window - sweep) / 30: every third a key reset, every sixth a section change
    /// (video notification URL), the rest Edit-level (description or short description, alternately). Returns once
    /// each is repaired or one sweep interval plus a minute passed without.
    /// </summary>
    private static async Task<List<Repair>> OutOfBandAsync(ConvergedFleetBed fleet, List<FleetMember> targets, DateTimeOffset start, TimeSpan window, TimeSpan sweep, CancellationToken ct)
    {
        var cpaas = fleet.Bed.Cpaas;
        var spacing = (window - sweep - RepairSlack) / targets.Count;
        if (spacing <= TimeSpan.Zero)
        {
            spacing = window / targets.Count;
        }

        var pending = new List<(string Kind, FleetMember Member, DateTimeOffset At, Func<CancellationToken, Task<bool>> IsRepaired)>();
        var results = new List<Repair>();
        var giveUp = sweep + TimeSpan.FromMinutes(1);
        for (var k = 0; k < targets.Count || pending.Count > 0;)
        {
            var now = DateTimeOffset.UtcNow;
            if (k < targets.Count && now >= start + (spacing * (k + 0.5)))
            {
                var member = targets[k];
                var appId = fleet.Builder.AppIds[member.Key];
                var tag = string.Create(CultureInfo.InvariantCulture, $"changed out of band {k}");
                if (k % 3 == 2)
                {
                    var key = cpaas.Portal.ResetKey(appId);
                    pending.Add(("key_reset", member, DateTimeOffset.UtcNow, async token => await SecretKeyAsync(fleet, member, token) == key));
                }
                else if (k % 6 == 0)
                {
                    cpaas.Portal.ChangeSection(appId, ServiceSection.Video, new JsonObject { ["notification_url"] = $"https://oob.example.com/{k}" });
                    pending.Add(("section", member, DateTimeOffset.UtcNow, _ => Task.FromResult(
                        cpaas.Store.Find(appId)?.Video["notification_url"]?.GetValue<string>() == FleetProjectTemplate.NotificationUrl(member))));
                }
                else
                {
                    var edit = k % 2 == 0 ? new PortalEdit { Description = tag } : new PortalEdit { ShortDesc = tag };
                    cpaas.Portal.Edit(appId, edit);
                    pending.Add(("edit", member, DateTimeOffset.UtcNow, _ => Task.FromResult(
                        cpaas.Store.Find(appId) is { } p && p.Description == FleetProjectTemplate.Description && p.ShortDesc == FleetProjectTemplate.ShortDescription)));
                }

                k++;
            }

            foreach (var item in pending.ToList())
            {
                if (await item.IsRepaired(ct))
                {
                    results.Add(new Repair(item.Kind, item.Member, (DateTimeOffset.UtcNow - item.At).TotalSeconds));
                    pending.Remove(item);
                }
                else if (DateTimeOffset.UtcNow - item.At > giveUp)
                {
                    results.Add(new Repair(item.Kind, item.Member, null));
                    pending.Remove(item);
                }
            }

            await Task.Delay(Poll, ct); // Repairs are seen by polling the sandbox's store and the Secrets.
        }

        return results;
    }

    private static async Task<string?> SecretKeyAsync(ConvergedFleetBed fleet, FleetMember member, CancellationToken ct)
    {
        var secret = await fleet.Bed.Admin.GetAsync(Harness.Kube.ManifestPaths.Secret(member.Namespace, ProjectTemplate.ConnectionSecretName(member.Name)), ct);
        return secret?["data"]?["app_key"]?.GetValue<string>() is { } encoded ? Encoding.UTF8.GetString(Convert.FromBase64String(encoded)) : null;
    }

    /// <summary>
    /// The three slowest changes, split at the operator's GET, with where they fell against the sweeps: seconds
    /// since the window started and since the last list request before the write (what a slow change waited behind).
    /// </summary>
    private static JsonArray SlowestChanges(List<SpecChange> changes, List<JournalEntry> windowEntries, DateTimeOffset windowStart)
    {
        var lists = windowEntries.Where(e => e.Operation == SandboxOperation.ListProjects).Select(e => e.Time).ToList();
        return new JsonArray([.. changes.OrderByDescending(c => c.Milliseconds).Take(3).Select(c => (JsonNode)new JsonObject
        {
            ["ms"] = Round(c.Milliseconds, 1),
            ["write_to_get_ms"] = c.WriteToGetMilliseconds is { } toGet ? Round(toGet, 1) : null,
            ["get_to_patch_ms"] = c.GetToPatchMilliseconds is { } toPatch ? Round(toPatch, 1) : null,
            ["seconds_into_window"] = Round((c.WrittenAt - windowStart).TotalSeconds, 1),
            ["seconds_after_last_list"] = lists.Where(t => t <= c.WrittenAt).Select(t => (double?)(c.WrittenAt - t).TotalSeconds).Min() is { } after ? Round(after, 1) : null,
        })]);
    }

    /// <summary>One measured spec change: the Kubernetes write, the operator's GET of the project, the PATCH video.</summary>
    private sealed record SpecChange(DateTimeOffset WrittenAt, DateTimeOffset? GetAt, DateTimeOffset PatchAt)
    {
        public double Milliseconds => (PatchAt - WrittenAt).TotalMilliseconds;

        public double? WriteToGetMilliseconds => GetAt is { } get ? (get - WrittenAt).TotalMilliseconds : null;

        public double? GetToPatchMilliseconds => GetAt is { } get ? (PatchAt - get).TotalMilliseconds : null;
    }

    /// <summary>
    /// One spec change per slot (window / 100, the next only after the previous is Ready): the time from just before
    /// the Kubernetes write to the PATCH video's arrival in the journal, and the reconcile's GET before it; null when
    /// the PATCH did not arrive within 30 s.
    /// </summary>
    private static async Task<List<SpecChange?>> SpecChangesAsync(ConvergedFleetBed fleet, List<FleetMember> targets, DateTimeOffset start, TimeSpan window, CancellationToken ct)
    {
        var bed = fleet.Bed;
        var slot = window * 0.95 / targets.Count;
        var results = new List<SpecChange?>();
        for (var k = 0; k < targets.Count; k++)
        {
            var wait = start + (slot * k) - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct); // Pacing the changes over the window.
            }

            var member = targets[k];
            var appId = fleet.Builder.AppIds[member.Key];
            var since = fleet.LastSequence();
            var patch = new JsonObject
            {
                ["spec"] = new JsonObject { ["video"] = new JsonObject { ["notificationUrl"] = string.Create(CultureInfo.InvariantCulture, $"https://hooks.example.com/cpaas/video/change-{k}") } },
            };
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(30));
            var writtenAt = DateTimeOffset.UtcNow;
            var updated = await bed.Admin.MergePatchAsync(ProjectTemplate.Path(member.Namespace, member.Name), patch, ct);
            var generation = updated["metadata"]?["generation"]?.GetValue<long>() ?? 0;
            try
            {
                JournalEntry? hit = null;
                while (hit is null)
                {
                    hit = bed.Cpaas.Journal.Since(since).FirstOrDefault(e => e.Operation == SandboxOperation.PatchVideo && e.AppId == appId);
                    if (hit is null)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(5), deadline.Token); // The arrival time is the journal's, not the poll's.
                    }
                }

                // The reconcile's GET: the last GET of the project before its PATCH (none if it did not read it).
                var get = bed.Cpaas.Journal.Since(since)
                    .Where(e => e.Operation == SandboxOperation.GetProject && e.AppId == appId && e.Sequence < hit.Sequence)
                    .Select(e => (DateTimeOffset?)e.Time)
                    .LastOrDefault();
                results.Add(new SpecChange(writtenAt, get, hit.Time));
                await bed.Fleet.WaitUntilAsync(_ => bed.Fleet.Get(member.Namespace, member.Name) is { } v && v.Generation >= generation && v.IsReady, deadline.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                if (results.Count == k)
                {
                    results.Add(null);
                }
            }
        }

        return results;
    }

    /// <summary>List requests grouped into sweeps (a gap of over 5 s starts a new one): pages per sweep.</summary>
    internal static List<int> ListBursts(IEnumerable<JournalEntry> entries)
    {
        var bursts = new List<int>();
        DateTimeOffset? last = null;
        foreach (var entry in entries.Where(e => e.Operation == SandboxOperation.ListProjects && e.Status != 429).OrderBy(e => e.Time))
        {
            if (last is null || entry.Time - last.Value > TimeSpan.FromSeconds(5))
            {
                bursts.Add(0);
            }

            bursts[^1]++;
            last = entry.Time;
        }

        return bursts;
    }

    /// <summary>The operator's drift-sweep counters (findings by kind, fallbacks, missed drift).</summary>
    internal static JsonObject DriftMetrics(IReadOnlyList<Harness.Operator.MetricSample> samples)
    {
        var json = new JsonObject();
        foreach (var sample in samples.Where(s => s.Name.StartsWith("cpaas_operator_drift_", StringComparison.Ordinal) || s.Name.StartsWith("cpaas_operator_sweep_", StringComparison.Ordinal))
                     .Where(s => !s.Name.EndsWith("_bucket", StringComparison.Ordinal) && !s.Name.Contains("timestamp", StringComparison.Ordinal)))
        {
            var labels = string.Join(",", sample.Labels.Where(l => l.Key != "account").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
            json[labels.Length == 0 ? sample.Name : $"{sample.Name}{{{labels}}}"] = Round(sample.Value, 3);
        }

        return json;
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using Cpaas.Benchmark.Harness;
using Cpaas.Benchmark.Reporting;
using Cpaas.Sandbox.Api;
using static Cpaas.Benchmark.Reporting.Units;

namespace Cpaas.Benchmark.Scenarios;

/// <summary>
/// With the fleet idle (operator freshly started with a 1 h resync interval, its start-up reconciles done),
/// one field (spec.video.notificationUrl) changed on one resource at a time; the latency is from just before the
/// Kubernetes write to the arrival of the PATCH video in the CPaaS journal. The next change waits until the
/// resource is Ready again.
/// </summary>
public static class ChangeLatencyScenario
{
    public const double TargetP99Milliseconds = 100;

    public static async Task<ScenarioReport> RunAsync(FleetSession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var bed = session.Bed;
        var members = session.Layout.Members;
        // A long resync interval keeps the fleet idle: the restarted operator's first drift checks are spread over it.
        var process = await session.RestartAsync(session.Launch(TimeSpan.FromHours(1)), ct);
        await Harness.Waits.UntilIdleAsync(process, members.Count, TimeSpan.FromSeconds(120), ct);
        bed.Cpaas.Journal.Clear();

        var latencies = new List<double>();
        var toRead = new List<double>();
        var readToPatch = new List<double>();
        var failures = 0;
        var stride = Math.Max(1, members.Count / session.Options.Changes);
        for (var k = 0; k < session.Options.Changes; k++)
        {
            var member = members[(k * stride) % members.Count];
            var view = bed.Fleet.Get(member.Namespace, member.Name);
            if (view?.AppId is not { } appId)
            {
                failures++;
                continue;
            }

            var since = bed.Cpaas.Journal.Entries().Select(e => e.Sequence).DefaultIfEmpty(0).Max();
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
                JournalArrival? arrival = null;
                await bed.Cpaas.Journal.WaitForAsync(entries =>
                {
                    var hit = entries.LastOrDefault(e => e.Sequence > since && e.Operation == SandboxOperation.PatchVideo && e.AppId == appId);
                    var read = hit is null ? null : entries.LastOrDefault(e => e.Sequence > since && e.Sequence < hit.Sequence && e.Operation == SandboxOperation.GetProject && e.AppId == appId);
                    arrival = hit is null ? null : new JournalArrival(hit.Time, read?.Time);
                    return hit is not null;
                }, deadline.Token);
                latencies.Add((arrival!.Value.Time - writtenAt).TotalMilliseconds);
                if (arrival.Value.ReadTime is { } readTime)
                {
                    // Where the time goes: Kubernetes write to the operator's GET (watch, queue, reconcile start), then GET to PATCH.
                    toRead.Add((readTime - writtenAt).TotalMilliseconds);
                    readToPatch.Add((arrival.Value.Time - readTime).TotalMilliseconds);
                }
                await bed.Fleet.WaitUntilAsync(_ => bed.Fleet.Get(member.Namespace, member.Name) is { } v && v.Generation >= generation && v.IsReady, deadline.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                failures++;
            }
        }

        var p50 = Percentiles.Of(latencies, 50);
        var p99 = Percentiles.Of(latencies, 99);
        var report = new ScenarioReport("change_latency");
        report.Json["changes"] = session.Options.Changes;
        report.Json["measured"] = latencies.Count;
        report.Json["failures"] = failures;
        report.Json["p50_ms"] = Round(p50, 1);
        report.Json["p90_ms"] = Round(Percentiles.Of(latencies, 90), 1);
        report.Json["p99_ms"] = Round(p99, 1);
        report.Json["max_ms"] = Round(latencies.DefaultIfEmpty(double.NaN).Max(), 1);
        report.Json["write_to_get_p50_ms"] = Round(Percentiles.Of(toRead, 50), 1);
        report.Json["write_to_get_p99_ms"] = Round(Percentiles.Of(toRead, 99), 1);
        report.Json["get_to_patch_p50_ms"] = Round(Percentiles.Of(readToPatch, 50), 1);
        report.Json["get_to_patch_p99_ms"] = Round(Percentiles.Of(readToPatch, 99), 1);
        report.Json["cpaas_latency_ms"] = session.Options.CpaasLatency.TotalMilliseconds;
        report.Json["target_p99_ms"] = TargetP99Milliseconds;
        report.Json["cpaas_calls"] = Counts(bed.Cpaas.Journal.CountsByOperation());
        report.Json["met"] = failures == 0 && p99 < TargetP99Milliseconds;

        report.Row("changes measured", $"{latencies.Count}/{session.Options.Changes}");
        report.Row("p50 write -> PATCH (ms)", F(p50, 1));
        report.Row("p99 write -> PATCH (ms)", F(p99, 1), $"< {TargetP99Milliseconds}", failures == 0 && p99 < TargetP99Milliseconds);
        report.Row("max (ms)", F(latencies.DefaultIfEmpty(double.NaN).Max(), 1));
        report.Row("of which write -> GET p50 / p99 (ms)", $"{F(Percentiles.Of(toRead, 50), 1)} / {F(Percentiles.Of(toRead, 99), 1)}");
        report.Row("of which GET -> PATCH p50 / p99 (ms)", $"{F(Percentiles.Of(readToPatch, 50), 1)} / {F(Percentiles.Of(readToPatch, 99), 1)}");
        report.Row("CPaaS calls", Inline(bed.Cpaas.Journal.CountsByOperation()));
        return report;
    }

    private readonly record struct JournalArrival(DateTimeOffset Time, DateTimeOffset? ReadTime);
}

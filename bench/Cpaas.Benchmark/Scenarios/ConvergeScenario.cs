using System.Diagnostics;
using Cpaas.Benchmark.Harness;
using Cpaas.Benchmark.Harness.Operator;
using Cpaas.Benchmark.Reporting;
using Cpaas.Sandbox.Api;
using static Cpaas.Benchmark.Reporting.Units;

namespace Cpaas.Benchmark.Scenarios;

/// <summary>
/// N resources with all four sections created at once; the time until every one is Ready against the API's lower
/// bound N x 5 / rate (one add and four PATCHes per project at the per-account limit). Also the Kubernetes API cost
/// per converged resource (requests by verb of the operator's service account).
/// </summary>
public static class ConvergeScenario
{
    public const double TargetRatio = 1.15;
    public const int CallsPerNewProject = 5;

    public static async Task<(ScenarioReport Converge, ScenarioReport KubeCost)> RunAsync(FleetSession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var bed = session.Bed;
        var n = session.Layout.Count;
        await bed.PrepareNamespacesAsync(session.Layout.Namespaces, ct);
        session.ApplyApiLimits();
        var process = await session.RestartAsync(session.Launch(), ct);
        await using var sampler = new MemorySampler(process, TimeSpan.FromMilliseconds(500));

        bed.Kube.Requests.Reset();
        bed.Cpaas.Journal.Clear();
        var lowerBound = n * (double)CallsPerNewProject / session.Options.RateLimit;
        var started = Stopwatch.GetTimestamp();
        var startedAt = DateTimeOffset.UtcNow;
        await bed.CreateProjectsAsync(session.Layout.Members, 16, ct);
        var created = Stopwatch.GetElapsedTime(started);

        var timeout = TimeSpan.FromSeconds(Math.Max(120, lowerBound * 5));
        var completed = await WaitAllReadyAsync(bed, n, timeout, ct);
        var lastReady = bed.Fleet.Views.Where(v => v.IsReady).Select(v => v.SeenAt).DefaultIfEmpty(startedAt).Max();
        var seconds = (lastReady - startedAt).TotalSeconds;
        await sampler.SampleAsync(ct);

        var calls = bed.Cpaas.Journal.CountsByOperation();
        var byStatus = bed.Cpaas.Journal.CountsByStatus();
        var total = calls.Values.Sum();
        var ready = bed.Fleet.CountReady();
        var ratio = seconds / lowerBound;
        var report = new ScenarioReport("converge");
        report.Json["n"] = n;
        report.Json["completed"] = completed;
        report.Json["ready"] = ready;
        report.Json["seconds"] = Round(seconds);
        report.Json["create_seconds"] = Round(created.TotalSeconds);
        report.Json["lower_bound_seconds"] = Round(lowerBound);
        report.Json["ratio"] = Round(ratio, 3);
        report.Json["target_ratio"] = TargetRatio;
        report.Json["met"] = completed && ratio <= TargetRatio;
        report.Json["cpaas_calls"] = Counts(calls);
        report.Json["cpaas_calls_per_resource"] = Round(total / (double)n, 3);
        report.Json["cpaas_http_429"] = byStatus.GetValueOrDefault(429);
        report.Json["cpaas_effective_rps"] = Round(total / Math.Max(seconds, 0.001), 1);
        report.Json["operator_peak_rss_mb"] = Megabytes(sampler.PeakResidentBytes);
        report.Json["operator_peak_managed_heap_mb"] = Megabytes(sampler.PeakManagedHeapBytes);
        if (!completed)
        {
            report.Json["not_ready_reasons"] = Counts(NotReadyReasons(bed));
        }

        report.Row("resources", I(n));
        report.Row("time to all Ready (s)", completed ? F(seconds) : $"timeout ({ready}/{n})");
        report.Row("lower bound N*5/rate (s)", F(lowerBound));
        report.Row("ratio to lower bound", F(ratio, 3), $"<= {TargetRatio}", completed && ratio <= TargetRatio);
        report.Row("CPaaS calls per resource", F(total / (double)n, 3), $"{CallsPerNewProject}", Math.Abs((total / (double)n) - CallsPerNewProject) < 0.005);
        report.Row("CPaaS calls", Inline(calls));
        report.Row("CPaaS 429 answers", I(byStatus.GetValueOrDefault(429)));
        report.Row("CPaaS effective requests/s", F(total / Math.Max(seconds, 0.001), 1), $"{session.Options.RateLimit}");
        report.Row("operator peak RSS (MB)", F(Megabytes(sampler.PeakResidentBytes), 1));

        var kube = KubeRequestBreakdown.Of(bed.Kube.Requests, TestBed.OperatorUser);
        var cost = new ScenarioReport("kube_cost");
        var perVerb = new System.Text.Json.Nodes.JsonObject();
        foreach (var (verb, count) in kube.ByVerb)
        {
            perVerb[verb] = Round(count / (double)n, 3);
            cost.Row($"{verb} per resource", F(count / (double)n, 3));
        }

        cost.Json["per_resource"] = perVerb;
        cost.Json["by_verb_resource"] = Counts(kube.ByVerbAndResource);
        cost.Row("writes per resource", F(kube.WriteCount(includeLeases: false) / (double)n, 3));
        cost.Row("by verb and resource", Inline(kube.ByVerbAndResource));
        return (report, cost);
    }

    internal static async Task<bool> WaitAllReadyAsync(TestBed bed, int n, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await bed.Fleet.WaitUntilAsync(views => views.Count(v => v.IsReady) >= n, deadline.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    internal static IReadOnlyDictionary<string, long> NotReadyReasons(TestBed bed) =>
        bed.Fleet.Views.Where(v => !v.IsReady)
            .GroupBy(v => v.ReadyReason ?? "(no Ready condition)")
            .ToDictionary(g => g.Key, g => (long)g.Count());

    internal static int Total(IReadOnlyDictionary<SandboxOperation, int> calls) => calls.Values.Sum();
}

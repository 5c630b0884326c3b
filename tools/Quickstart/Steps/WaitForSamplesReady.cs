using System.Text;
using System.Text.Json;
using Controller.Runtime.Client;
using k8s;
using Quickstart.CommandLine;
using Quickstart.Operator;
using Quickstart.Progress;
using Quickstart.Samples;

namespace Quickstart.Steps;

/// <summary>
/// Polls the samples until every one is Ready at its current generation and the operator has no work queued or running,
/// seen on two polls in a row (settled, not a passing moment); prints each change of state. After the deadline it
/// fails naming each sample that is not Ready with its condition's reason and message.
/// </summary>
internal static class WaitForSamplesReady
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan StillWaitingEvery = TimeSpan.FromSeconds(10);

    public static async Task<IReadOnlyList<SampleStatus>> RunAsync(
        Kubernetes client, string ns, IReadOnlyList<string> names, InProcessOperator running, TimeSpan timeout, ProgressReporter progress, CancellationToken ct)
    {
        progress.Begin($"Waiting until every sample is Ready (at most {Duration(timeout)})");
        var started = progress.Now();
        var lastNews = started;
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        IReadOnlyList<SampleStatus> current = [];
        var settledPolls = 0;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var timer = new PeriodicTimer(PollInterval);
        do
        {
            if (running.Completion.IsCompleted)
            {
                throw new QuickstartFailure($"the operator stopped (exit code {await running.Completion}); see {running.Launch.LogPath}");
            }

            current = await ReadAsync(client, ns, names, ct);
            foreach (var sample in current)
            {
                var line = sample.Describe();
                if (!seen.TryGetValue(sample.Name, out var before) || before != line)
                {
                    seen[sample.Name] = line;
                    progress.Detail($"{(sample.IsReady ? "ready  " : "waiting")} {sample.Name}: {line}");
                    lastNews = progress.Now();
                }
            }

            var allReady = current.Count == names.Count && current.All(s => s.IsReady);
            var pendingWork = allReady ? await OperatorActivity.PendingWorkAsync(http, running.Launch.ProbeUrl, ct) : null;
            settledPolls = allReady && pendingWork is null or 0d ? settledPolls + 1 : 0;
            if (settledPolls == 2)
            {
                progress.Done($"every sample Ready: {names.Count} of {names.Count}, and the operator is idle");
                return current;
            }

            if (progress.Since(lastNews) >= StillWaitingEvery)
            {
                progress.Detail($"still waiting ({ProgressReporter.Seconds(progress.Since(started))}): {current.Count(s => s.IsReady)} of {names.Count} Ready");
                lastNews = progress.Now();
            }
        }
        while (progress.Since(started) < timeout && await timer.WaitForNextTickAsync(ct));

        throw new QuickstartFailure(NotReadyMessage(current, names, timeout, running.Launch.LogPath), ExitCodes.NotReady);
    }

    public static string NotReadyMessage(IReadOnlyList<SampleStatus> current, IReadOnlyList<string> names, TimeSpan timeout, string logPath)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(names);
        var message = new StringBuilder($"not every sample became Ready within {Duration(timeout)}:");
        foreach (var name in names)
        {
            var sample = current.FirstOrDefault(s => s.Name == name);
            if (sample is null)
            {
                message.Append($"\n  {name}: not found");
            }
            else if (!sample.IsReady)
            {
                message.Append($"\n  {name}: {sample.Describe()}");
            }
        }

        message.Append($"\nSee 'kubectl describe cpaasproject NAME' and the operator's log, {logPath}.");
        return message.ToString();
    }

    private static async Task<IReadOnlyList<SampleStatus>> ReadAsync(Kubernetes client, string ns, IReadOnlyList<string> names, CancellationToken ct)
    {
        // Raw JSON: KubernetesClient.Aot's typed custom-object calls only (de)serialize its own models.
        using var response = await new KubeApiTransport(client).SendAsync(
            HttpMethod.Get, $"apis/cpaas.enablex.io/v1alpha1/namespaces/{Uri.EscapeDataString(ns)}/cpaasprojects", null, null, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var list = await JsonDocument.ParseAsync(body, default, ct);
        return list.RootElement.GetProperty("items").EnumerateArray()
            .Select(SampleStatus.From)
            .Where(s => names.Contains(s.Name, StringComparer.Ordinal))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static string Duration(TimeSpan timeout) =>
        timeout.TotalSeconds < 120 ? $"{timeout.TotalSeconds:0} s" : $"{timeout.TotalMinutes:0.#} min";
}

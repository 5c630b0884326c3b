using System.Text.Json.Nodes;
using Cpaas.Benchmark.Harness;
using Cpaas.Benchmark.Harness.Kube;

namespace Cpaas.Reliability.Tests.Support;

/// <summary>What the tests do to a fleet and wait for, each wait bounded by a deadline.</summary>
public static class FleetActions
{
    /// <summary>Asks every resource for a new app key (a new apiKeyRotation.requestedAt token).</summary>
    public static async Task RequestRotationAsync(TestBed bed, IReadOnlyList<FleetMember> members, string token, CancellationToken ct)
    {
        var patch = new JsonObject { ["spec"] = new JsonObject { ["apiKeyRotation"] = new JsonObject { ["requestedAt"] = token } } };
        await Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (member, token2) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await bed.Admin.MergePatchAsync(ProjectTemplate.Path(member.Namespace, member.Name), patch.DeepClone().AsObject(), token2);
                    return;
                }
                catch (KubeRequestException e) when (attempt < 100 && (int)e.Status >= 409)
                {
                    // Injected faults hit the test's writes too: try again.
                }
            }
        });
    }

    /// <summary>Until every member is Ready at its current generation; false at the deadline.</summary>
    public static async Task<bool> WaitAllReadyAsync(TestBed bed, IReadOnlyList<FleetMember> members, TimeSpan timeout, CancellationToken ct)
    {
        var keys = members.Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await bed.Fleet.WaitUntilAsync(views => views.Count(v => keys.Contains(v.Key) && v.IsReady) == keys.Count, deadline.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>For a failure message: members not Ready, by reason.</summary>
    public static string NotReadySummary(TestBed bed, IReadOnlyList<FleetMember> members)
    {
        var keys = members.Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        var notReady = bed.Fleet.Views.Where(v => keys.Contains(v.Key) && !v.IsReady).ToList();
        return $"{notReady.Count} of {keys.Count} not Ready: " + string.Join("; ", notReady
            .GroupBy(v => $"{v.ReadyStatus}/{v.ReadyReason}")
            .Select(g => $"{g.Key} x{g.Count()} (e.g. {g.First().Key}: {g.First().ReadyMessage})"));
    }
}

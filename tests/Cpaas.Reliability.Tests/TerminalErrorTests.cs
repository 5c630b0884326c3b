using System.Text.Json.Nodes;
using Cpaas.Benchmark.Harness;
using Cpaas.Benchmark.Harness.Operator;
using Cpaas.Reliability.Tests.Support;
using Cpaas.Sandbox.Api;
using Xunit.Abstractions;

namespace Cpaas.Reliability.Tests;

/// <summary>
/// A failure that waits makes no further CPaaS call while it waits. Invalid input is terminal until the spec changes
/// (docs/RECONCILE.md contract 5); rejected credentials are retried after the credentials interval (5 minutes).
/// Both were found by the bad-input corpus running in a loop without backoff: a rejected add used to clear the
/// pending-create annotation, whose change started the next attempt (about 60 adds/s for an unknown category; for
/// rejected credentials, the marker's add and removal woke the reconciler until the event filter ignored them).
/// </summary>
public sealed class TerminalErrorTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_resource_with_an_unknown_category_makes_no_more_calls_once_it_is_reported()
    {
        using var deadline = TestDeadline.Start(TimeSpan.FromMinutes(3));
        var ct = deadline.Token;
        await using var bed = await TestBed.StartAsync(ReliabilityScale.Current.BedOptions(), ct);
        var process = await StartOperatorAsync(bed, "terminal", ct);
        var project = bed.Template.Project("terminal", "unknown-category");
        project["spec"]!["categoryId"] = "no-such-category";
        await bed.CreateAsync([project], 1, ct);
        // Ready=False/Creating comes first (kstatus: in progress); the wait is for the reported rejection.
        await bed.Fleet.WaitUntilAsync(_ => bed.Fleet.Get("terminal", "unknown-category") is { IsNotReady: true, ReadyReason: "CategoryInvalid" }, ct);

        var before = bed.Cpaas.Journal.CountOf(SandboxOperation.AddProject);
        var calledAgain = await QuietWindow.SeesMoreThanAsync(bed.Cpaas, e => e.Operation == SandboxOperation.AddProject, before, ct);

        output.WriteLine($"adds: {before} until reported; called again within {QuietWindow.Length}: {calledAgain}");
        Assert.True(before <= 3, $"{before} adds before the problem was reported");
        Assert.False(calledAgain, "the operator called add again for a resource whose category the API rejected");
        Assert.False(process.HasExited);
    }

    [Fact]
    public async Task A_resource_whose_credentials_the_API_rejects_makes_no_more_calls_before_the_credentials_interval()
    {
        using var deadline = TestDeadline.Start(TimeSpan.FromMinutes(3));
        var ct = deadline.Token;
        await using var bed = await TestBed.StartAsync(ReliabilityScale.Current.BedOptions(), ct);
        var process = await StartOperatorAsync(bed, "rejected", ct);
        var credentials = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = "wrong-credentials", ["namespace"] = "rejected" },
            ["stringData"] = new JsonObject { ["api_id"] = bed.Cpaas.AdminAccount.ApiId, ["api_key"] = "not-the-key" },
        };
        var project = bed.Template.Project("rejected", "wrong-key");
        project["spec"]!["credentialsSecretRef"] = new JsonObject { ["name"] = "wrong-credentials" };
        await bed.CreateAsync([credentials], 1, ct);
        await bed.CreateAsync([project], 1, ct);
        await bed.Fleet.WaitUntilAsync(_ => bed.Fleet.Get("rejected", "wrong-key") is { IsNotReady: true, ReadyReason: "CredentialsRejected" }, ct);

        // Two attempts at most: the first, and one the credentials Secret's event may start when it reaches the
        // operator after the resource did.
        var before = bed.Cpaas.Journal.CountsByStatus().GetValueOrDefault(401);
        var calledAgain = await QuietWindow.SeesMoreThanAsync(bed.Cpaas, e => e.Status == 401, 2, ct);

        output.WriteLine($"rejected calls: {before} until reported; more than 2 within {QuietWindow.Length}: {calledAgain}");
        Assert.True(before <= 2, $"{before} rejected calls before the problem was reported");
        Assert.False(calledAgain, "the operator called the API again with credentials it rejected, before the credentials interval");
        Assert.Equal("CredentialsRejected", bed.Fleet.Get("rejected", "wrong-key")?.ReadyReason);
        Assert.False(process.HasExited);
    }

    /// <summary>One operator, for one namespace, without leader election.</summary>
    private async Task<OperatorProcess> StartOperatorAsync(TestBed bed, string ns, CancellationToken ct)
    {
        output.WriteLine($"work directory {bed.WorkDirectory}");
        await bed.PrepareNamespacesAsync([ns], ct);
        return bed.StartOperator(bed.Launch(ns) with { LeaderElect = false });
    }
}

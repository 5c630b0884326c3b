using Cpaas.Benchmark.Harness;
using Cpaas.Reliability.Tests.Support;
using Cpaas.Sandbox.Api;
using Xunit.Abstractions;

namespace Cpaas.Reliability.Tests;

/// <summary>
/// Invalid input is terminal until the spec changes (docs/RECONCILE.md contract 5): once a resource shows Ready=False with an
/// invalid-input reason, the operator makes no further CPaaS call for it. (Found by the bad-input corpus: a rejected
/// add used to clear the pending-create annotation, whose change started the next attempt: about 60 adds/s.)
/// </summary>
public sealed class TerminalErrorTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_resource_with_an_unknown_category_makes_no_more_calls_once_it_is_reported()
    {
        using var deadline = TestDeadline.Start(TimeSpan.FromMinutes(3));
        var ct = deadline.Token;
        await using var bed = await TestBed.StartAsync(ReliabilityScale.Current.BedOptions(), ct);
        output.WriteLine($"work directory {bed.WorkDirectory}");
        await bed.PrepareNamespacesAsync(["terminal"], ct);
        var process = bed.StartOperator(bed.Launch("terminal") with { LeaderElect = false });
        var project = bed.Template.Project("terminal", "unknown-category");
        project["spec"]!["categoryId"] = "no-such-category";
        await bed.CreateAsync([project], 1, ct);
        // Ready=False/Creating comes first (kstatus: in progress); the wait is for the reported rejection.
        await bed.Fleet.WaitUntilAsync(_ => bed.Fleet.Get("terminal", "unknown-category") is { IsNotReady: true, ReadyReason: "CategoryInvalid" }, ct);
        var reported = bed.Fleet.Get("terminal", "unknown-category")!;
        Assert.Equal("CategoryInvalid", reported.ReadyReason);

        // A quiet window: any further add for this resource ends the wait at once (and fails the test).
        var before = bed.Cpaas.Journal.CountOf(SandboxOperation.AddProject);
        using var window = CancellationTokenSource.CreateLinkedTokenSource(ct);
        window.CancelAfter(TimeSpan.FromSeconds(5));
        var calledAgain = true;
        try
        {
            await bed.Cpaas.Journal.WaitForAsync(entries => entries.Count(e => e.Operation == SandboxOperation.AddProject) > before, window.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            calledAgain = false;
        }

        output.WriteLine($"adds: {before} until reported; called again within 5 s: {calledAgain}");
        Assert.True(before <= 3, $"{before} adds before the problem was reported");
        Assert.False(calledAgain, "the operator called add again for a resource whose category the API rejected");
        Assert.False(process.HasExited);
    }
}

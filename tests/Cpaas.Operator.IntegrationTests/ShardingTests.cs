using Cpaas.Operator.Entities;
using Cpaas.Operator.IntegrationTests.Infrastructure;
using Cpaas.Sandbox.Api;
using Cpaas.Sandbox.Journal;

namespace Cpaas.Operator.IntegrationTests;

/// <summary>
/// Horizontal sharding (docs/sharding.md): two operator processes with different --watch-label-selector values,
/// each with its own lease, never touch each other's resources; a resource whose shard label changes is adopted by
/// the new shard through status.appId (no second add) and the old shard does not finalize it.
/// </summary>
public sealed class ShardingTests(ShardedOperatorsFixture fixture) : IClassFixture<ShardedOperatorsFixture>
{
    [Fact]
    public async Task Two_shards_never_touch_each_others_resources_and_a_moved_resource_is_adopted_without_a_second_add()
    {
        var ns = await fixture.CreateNamespaceAsync("shard");
        await fixture.CreateProjectAsync(ns, Project(ns, "unsharded", shard: null));
        await fixture.CreateProjectAsync(ns, Project(ns, "alpha", "a"));
        await fixture.CreateProjectAsync(ns, Project(ns, "beta", "b"));
        var alpha = (await fixture.WaitForReadyAsync(ns, "alpha")).Status!.AppId!;
        var beta = (await fixture.WaitForReadyAsync(ns, "beta")).Status!.AppId!;

        Assert.All(fixture.JournalFor(alpha), e => Assert.Equal("shard-a", Shard(e)));
        Assert.All(fixture.JournalFor(beta), e => Assert.Equal("shard-b", Shard(e)));
        Assert.Single(fixture.AddsNamed("alpha-" + ns), e => Shard(e) == "shard-a");
        Assert.Single(fixture.AddsNamed("beta-" + ns), e => Shard(e) == "shard-b");
        Assert.Empty(fixture.AddsNamed("unsharded-" + ns));
        var unsharded = await fixture.GetProjectAsync(ns, "unsharded");
        Assert.Null(unsharded!.Status);
        Assert.Null(unsharded.Metadata.Finalizers);

        // alpha moves to shard b with a spec change: b applies it to the project it adopts by status.appId.
        var before = fixture.Cpaas.Journal.Entries().Max(e => e.Sequence);
        await fixture.PatchProjectAsync(ns, "alpha", """{"metadata":{"labels":{"shard":"b"}},"spec":{"shortDescription":"moved to shard b"}}""");
        await fixture.WaitForJournalAsync(
            journal => journal.Any(e => e.Sequence > before && e.AppId == alpha && e.Operation == SandboxOperation.EditProject && Shard(e) == "shard-b"),
            "shard b's Edit of the moved project");
        await fixture.WaitForProjectAsync(ns, "alpha",
            p => OperatorFixture.HasCondition(p, WellKnownNames.ConditionTypes.Ready, WellKnownNames.ConditionStatus.True) && p!.Status!.ObservedGeneration == p.Metadata.Generation,
            "Ready at the moved generation");

        Assert.Single(fixture.AddsNamed("alpha-" + ns));
        Assert.DoesNotContain(fixture.JournalFor(alpha), e => e.Sequence > before && Shard(e) == "shard-a");
        var moved = await fixture.GetProjectAsync(ns, "alpha");
        Assert.Equal(alpha, moved!.Status!.AppId);
        Assert.Null(moved.Metadata.DeletionTimestamp);
        Assert.Contains(WellKnownNames.Finalizer, moved.Metadata.Finalizers ?? []);
        Assert.Equal(Cpaas.Sandbox.Store.ProjectStatus.Active, fixture.Cpaas.Store.Find(alpha)!.Status);

        // Deleting it now is shard b's to finalize.
        await fixture.DeleteProjectAsync(ns, "alpha");
        await fixture.WaitForProjectAsync(ns, "alpha", p => p is null, "alpha deleted (finalized by shard b)");
        Assert.DoesNotContain(fixture.JournalFor(alpha), e => e.Sequence > before && Shard(e) == "shard-a");
    }

    private static string Project(string ns, string name, string? shard) => $$"""
        metadata:
          name: {{name}}
        {{(shard is null ? "" : $"  labels:\n    shard: {shard}")}}
        spec:
          appName: {{name}}-{{ns}}
          categoryId: education
          shortDescription: {{name}}
          video:
            notificationUrl: https://hooks.example.com/{{name}}
        """;

    // The operator's User-Agent ends with "(identity)".
    private static string? Shard(JournalEntry entry) =>
        entry.UserAgent is { } agent && agent.LastIndexOf('(') is var open and >= 0 ? agent[(open + 1)..].TrimEnd(')') : null;
}

/// <summary>Two operators in process, one per shard (labels shard=a and shard=b), each with its own lease.</summary>
public sealed class ShardedOperatorsFixture : OperatorFixture
{
    private readonly LogCapture _logsA = new();
    private readonly LogCapture _logsB = new();
    private InProcessOperator? _shardA;
    private InProcessOperator? _shardB;

    protected override bool StartsOperator => false;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _shardA = InProcessOperator.Start([.. OperatorArgs("shard-a"), "--watch-label-selector", "shard=a"], OperatorEnvironment(), _logsA);
        _shardB = InProcessOperator.Start([.. OperatorArgs("shard-b"), "--watch-label-selector", "shard=b"], OperatorEnvironment(), _logsB);
        ProcessLogTail = () => $"shard a:\n{_logsA.Tail(30)}\nshard b:\n{_logsB.Tail(30)}";
    }

    public override async Task DisposeAsync()
    {
        if (_shardA is not null)
        {
            await _shardA.DisposeAsync();
        }

        if (_shardB is not null)
        {
            await _shardB.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}

using Controller.Runtime;
using Controller.Runtime.Queue;
using Cpaas.Operator.Tests.Reconciliation.Fakes;

namespace Cpaas.Operator.Tests.Reconciliation;

/// <summary>
/// docs/RECONCILE.md contract 12 at the level of the work queue, with the priorities the reconciler actually returns
/// (a periodic observe's ResyncAfter is low; the controller enqueues watch events and sweep findings high). A queue
/// of 1,000 converged resources is used instead of 1,000 real resources against the sandboxes, which would take
/// minutes: the queue is where the order is decided. The account's rate budget gives the same order to the calls
/// (tests/Cpaas.Client.Tests, PriorityTokenBucket).
/// </summary>
public sealed class ChangeFirstTests
{
    private const int Fleet = 1000;

    [Fact]
    public async Task A_spec_change_made_while_1000_periodic_observes_are_queued_is_handed_out_first()
    {
        var periodic = PeriodicObservePriority();
        using var queue = new WorkQueue<ObjectKey>();
        for (var i = 0; i < Fleet; i++)
        {
            queue.Add(new ObjectKey("fleet", $"p-{i}"), periodic);
        }

        var changed = new ObjectKey("team-a", "changed-by-a-user");
        queue.Add(changed);

        var first = await queue.GetAsync(CancellationToken.None);
        Assert.Equal(changed, first.Key);
        Assert.Equal(WorkPriority.High, first.Priority);
    }

    [Fact]
    public async Task Under_a_continuous_stream_of_spec_changes_every_periodic_observe_still_completes()
    {
        var periodic = PeriodicObservePriority();
        using var queue = new WorkQueue<ObjectKey>();
        for (var i = 0; i < Fleet; i++)
        {
            queue.Add(new ObjectKey("fleet", $"p-{i}"), periodic);
        }

        var observed = 0;
        var handOuts = 0;
        var change = 0;
        while (observed < Fleet)
        {
            // A new user change arrives before every hand-out: the queue is never without high-priority work.
            queue.Add(new ObjectKey("team-a", $"change-{change++}"));
            var item = await queue.GetAsync(CancellationToken.None);
            handOuts++;
            if (item.Priority == WorkPriority.Low)
            {
                observed++;
            }

            queue.Done(item.Key);
            Assert.True(handOuts <= Fleet * 10, $"after {handOuts} hand-outs only {observed} of {Fleet} periodic observes ran");
        }

        // The default share (10 %): one periodic observe per ten hand-outs at worst.
        Assert.InRange(handOuts, Fleet, Fleet * 10);
    }

    /// <summary>The priority the real reconciler requeues a converged resource with for its next periodic observe.</summary>
    private static WorkPriority PeriodicObservePriority()
    {
        var world = new ReconcilerWorld().GivenConverged().Reconcile();
        Assert.Equal("RequeueAfter", world.Result);
        Assert.Equal(WorkPriority.Low, world.Priority);
        return WorkPriority.Low;
    }
}

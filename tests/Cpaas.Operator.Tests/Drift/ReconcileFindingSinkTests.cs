using Controller.Runtime;
using Controller.Runtime.Queue;
using Cpaas.Operator.Drift;
using Cpaas.Operator.Reconciliation;
using Microsoft.Extensions.Time.Testing;

namespace Cpaas.Operator.Tests.Drift;

public sealed class ReconcileFindingSinkTests
{
    private static readonly ObjectKey Key = new("team-a", "desk");

    public static TheoryData<DriftFindingKind[], ObserveReason, WorkPriority> Findings() => new()
    {
        { [DriftFindingKind.OwnWriteUnchecked], ObserveReason.Check, WorkPriority.Low },
        { [DriftFindingKind.UpdatedAtUnsettled], ObserveReason.Check, WorkPriority.Low },
        { [DriftFindingKind.OwnWriteUnchecked, DriftFindingKind.UpdatedAtUnsettled], ObserveReason.Check, WorkPriority.Low },
        { [DriftFindingKind.ChangedSinceConverge], ObserveReason.Drift, WorkPriority.High },
        { [DriftFindingKind.EditLevelDrift], ObserveReason.Drift, WorkPriority.High },
        { [DriftFindingKind.KeyChangedOutOfBand], ObserveReason.Drift, WorkPriority.High },
        { [DriftFindingKind.OwnWriteUnchecked, DriftFindingKind.EditLevelDrift], ObserveReason.Drift, WorkPriority.High },
    };

    [Theory]
    [MemberData(nameof(Findings))]
    public void A_finding_that_only_asks_for_a_check_is_queued_low_and_drift_high(DriftFindingKind[] kinds, ObserveReason reason, WorkPriority priority)
    {
        var schedule = new ObserveSchedule(new ResyncSchedule(TimeSpan.FromMinutes(10), 0, () => 0.5), new FakeTimeProvider());
        var queued = new List<(ObjectKey, WorkPriority)>();
        var sink = new ReconcileFindingSink(schedule, (key, p) => queued.Add((key, p)));

        sink.Report(new DriftFinding(Key, "app-1", "api-1", kinds.ToHashSet(), [], null));

        Assert.Equal([(Key, priority)], queued);
        Assert.Equal(reason, schedule.TakeRequest(Key));
    }
}

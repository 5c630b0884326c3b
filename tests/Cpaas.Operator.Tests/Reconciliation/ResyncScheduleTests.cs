using Cpaas.Operator.Reconciliation;

namespace Cpaas.Operator.Tests.Reconciliation;

public class ResyncScheduleTests
{
    [Theory]
    [InlineData(0.0, 540)]
    [InlineData(0.5, 600)]
    [InlineData(1.0, 660)]
    public void Next_stays_within_ten_percent_of_the_interval(double random, int expectedSeconds)
    {
        var schedule = new ResyncSchedule(TimeSpan.FromMinutes(10), 0.1, () => random);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), schedule.Next());
    }

    [Fact]
    public void First_check_after_start_spreads_over_the_whole_interval()
    {
        var values = new Queue<double>([0.0, 0.25, 0.999]);
        var schedule = new ResyncSchedule(TimeSpan.FromMinutes(10), 0.1, values.Dequeue);
        Assert.Equal(TimeSpan.Zero, schedule.FirstAfterStart());
        Assert.Equal(TimeSpan.FromMinutes(2.5), schedule.FirstAfterStart());
        Assert.True(schedule.FirstAfterStart() < TimeSpan.FromMinutes(10));
    }
}

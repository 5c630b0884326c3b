using Quickstart.Operator;

namespace Quickstart.Tests.Unit;

public sealed class OperatorActivityTests
{
    [Fact]
    public void Pending_work_is_the_queue_depth_plus_the_active_workers()
    {
        const string metrics = """
            # HELP workqueue_depth Current depth of workqueue
            # TYPE workqueue_depth gauge
            workqueue_depth{name="cpaasproject"} 2
            workqueue_depth_other_metric 99
            # TYPE controller_runtime_active_workers gauge
            controller_runtime_active_workers{controller="cpaasproject"} 1
            controller_runtime_max_concurrent_reconciles{controller="cpaasproject"} 4
            """;

        Assert.Equal(3, OperatorActivity.PendingWork(metrics));
    }

    [Fact]
    public void An_idle_operator_has_no_pending_work_and_missing_metrics_say_nothing()
    {
        Assert.Equal(0, OperatorActivity.PendingWork("workqueue_depth{name=\"cpaasproject\"} 0\ncontroller_runtime_active_workers{controller=\"cpaasproject\"} 0\n"));
        Assert.Null(OperatorActivity.PendingWork("process_cpu_seconds_total 1.5\n"));
    }
}

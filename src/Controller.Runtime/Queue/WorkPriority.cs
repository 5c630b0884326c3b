namespace Controller.Runtime.Queue;

/// <summary>
/// The two priorities of a <see cref="WorkQueue{TKey}"/>, numbered as controller-runtime's priority queue numbers
/// them (its default 0 and <c>handler.LowPriority</c> -100), which is also what the <c>priority</c> label of
/// <c>workqueue_depth</c> shows.
/// </summary>
public enum WorkPriority
{
    /// <summary>Periodic work (resyncs, full observes, the initial list): runs when nothing urgent waits, but never starves.</summary>
    Low = -100,

    /// <summary>The default: something changed (a watch event, a sweep finding, a retry of such work).</summary>
    High = 0,
}

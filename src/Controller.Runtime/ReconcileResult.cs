using Controller.Runtime.Queue;

namespace Controller.Runtime;

/// <summary>What the controller does with a key after a reconcile that did not throw.</summary>
public enum ReconcileOutcome
{
    /// <summary>Converged: forget the key's failure history; the next event brings it back.</summary>
    Done,

    /// <summary>
    /// Look again after a fixed delay (resets the failure history); at <see cref="ReconcileResult.Priority"/>, high for
    /// <see cref="ReconcileResult.RequeueAfter"/>, low for <see cref="ReconcileResult.ResyncAfter"/>.
    /// </summary>
    RequeueAfter,

    /// <summary>Retry with the key's exponential backoff (does not count as an error).</summary>
    Requeue,

    /// <summary>
    /// Failed in a way retrying cannot fix until the object (or something it depends on) changes: counted as a terminal
    /// error, logged with <see cref="ReconcileResult.Message"/>, and the key is forgotten (controller-runtime's
    /// <c>reconcile.TerminalError</c>, returned as a value).
    /// </summary>
    Terminal,
}

/// <summary>The result of one reconcile (controller-runtime's <c>reconcile.Result</c>).</summary>
public readonly record struct ReconcileResult
{
    private ReconcileResult(ReconcileOutcome outcome, TimeSpan delay, WorkPriority priority = WorkPriority.High, string? message = null)
    {
        Outcome = outcome;
        Delay = delay;
        Priority = priority;
        Message = message;
    }

    public ReconcileOutcome Outcome { get; }

    /// <summary>The delay of <see cref="ReconcileOutcome.RequeueAfter"/>; zero otherwise.</summary>
    public TimeSpan Delay { get; }

    /// <summary>The priority of the delayed re-add of <see cref="ReconcileOutcome.RequeueAfter"/>.</summary>
    public WorkPriority Priority { get; }

    /// <summary>Why a <see cref="ReconcileOutcome.Terminal"/> reconcile failed (logged: never a secret value); null otherwise.</summary>
    public string? Message { get; }

    public static ReconcileResult Done { get; } = new(ReconcileOutcome.Done, TimeSpan.Zero);

    public static ReconcileResult Requeue { get; } = new(ReconcileOutcome.Requeue, TimeSpan.Zero);

    /// <summary>Look again after <paramref name="delay"/>, at high priority (the reconciler waits for something).</summary>
    public static ReconcileResult RequeueAfter(TimeSpan delay) => new(ReconcileOutcome.RequeueAfter, Checked(delay), WorkPriority.High);

    /// <summary>
    /// Converged; look again after <paramref name="delay"/> at low priority: a periodic check (drift, full observe)
    /// that goes after keys queued by changes, yet keeps its guaranteed share of the workers.
    /// </summary>
    public static ReconcileResult ResyncAfter(TimeSpan delay) => new(ReconcileOutcome.RequeueAfter, Checked(delay), WorkPriority.Low);

    /// <summary>
    /// Failed terminally: no retry until the object changes. <paramref name="message"/> is logged; it must not hold a
    /// secret value.
    /// </summary>
    public static ReconcileResult Terminal(string message) =>
        new(ReconcileOutcome.Terminal, TimeSpan.Zero, message: message ?? throw new ArgumentNullException(nameof(message)));

    public override string ToString() => Outcome switch
    {
        ReconcileOutcome.Terminal => $"Terminal({Message})",
        ReconcileOutcome.RequeueAfter when Priority == WorkPriority.Low => $"ResyncAfter({Delay})",
        ReconcileOutcome.RequeueAfter => $"RequeueAfter({Delay})",
        _ => Outcome.ToString(),
    };

    private static TimeSpan Checked(TimeSpan delay) => delay >= TimeSpan.Zero
        ? delay
        : throw new ArgumentOutOfRangeException(nameof(delay), delay, "A requeue delay cannot be negative.");
}

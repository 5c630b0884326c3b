namespace Controller.Runtime;

/// <summary>What the controller does with a key after a reconcile that did not throw.</summary>
public enum ReconcileOutcome
{
    /// <summary>Converged: forget the key's failure history; the next event brings it back.</summary>
    Done,

    /// <summary>Look again after a fixed delay (resets the failure history).</summary>
    RequeueAfter,

    /// <summary>Retry with the key's exponential backoff (does not count as an error).</summary>
    Requeue,
}

/// <summary>The result of one reconcile (controller-runtime's <c>reconcile.Result</c>).</summary>
public readonly record struct ReconcileResult
{
    private ReconcileResult(ReconcileOutcome outcome, TimeSpan delay)
    {
        Outcome = outcome;
        Delay = delay;
    }

    public ReconcileOutcome Outcome { get; }

    /// <summary>The delay of <see cref="ReconcileOutcome.RequeueAfter"/>; zero otherwise.</summary>
    public TimeSpan Delay { get; }

    public static ReconcileResult Done { get; } = new(ReconcileOutcome.Done, TimeSpan.Zero);

    public static ReconcileResult Requeue { get; } = new(ReconcileOutcome.Requeue, TimeSpan.Zero);

    public static ReconcileResult RequeueAfter(TimeSpan delay)
    {
        if (delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "A requeue delay cannot be negative.");
        }

        return new ReconcileResult(ReconcileOutcome.RequeueAfter, delay);
    }

    public override string ToString() => Outcome == ReconcileOutcome.RequeueAfter ? $"RequeueAfter({Delay})" : Outcome.ToString();
}

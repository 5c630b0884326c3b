namespace Cpaas.Operator.Reconciliation;

/// <summary>How a failed reconcile is retried, by the class of the failure.</summary>
public enum ProblemCategory
{
    /// <summary>The spec (or what it references) is wrong: nothing is retried until it changes.</summary>
    InvalidInput,

    /// <summary>The CPaaS account's credentials are missing or were rejected: retried slowly and on any Secret change.</summary>
    Credentials,

    /// <summary>The API is unavailable or rate limited: retried with backoff.</summary>
    Transient,

    /// <summary>A person must look (project gone, ambiguous, claimed by another resource): re-checked at each resync.</summary>
    NeedsPerson,
}

/// <summary>
/// A failure the reconciler reports as conditions and an event. Its message is shown to users: it names fields,
/// Secrets and codes, never a secret value.
/// </summary>
public sealed class ReconcileProblem : Exception
{
    public ReconcileProblem()
    {
        Reason = "ReconcileError";
    }

    public ReconcileProblem(string message)
        : base(message)
    {
        Reason = "ReconcileError";
    }

    public ReconcileProblem(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = "ReconcileError";
    }

    public ReconcileProblem(ProblemCategory category, string reason, string message, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Category = category;
        Reason = reason;
        RetryAfter = retryAfter;
    }

    public ProblemCategory Category { get; } = ProblemCategory.Transient;

    /// <summary>The condition reason (CamelCase).</summary>
    public string Reason { get; }

    /// <summary>How long the server asked to wait, for transient problems.</summary>
    public TimeSpan? RetryAfter { get; }
}

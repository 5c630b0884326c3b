using Controller.Runtime;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// What follows a failed reconcile (docs/RECONCILE.md, "Failures and retries"), apart from the status the reconciler
/// writes: the message users see (scrubbed of every secret value the reconcile knew), a Warning event on each new
/// reason, and the retry that fits the problem's class, as a value. Invalid input is terminal
/// (<see cref="ReconcileResult.Terminal"/>): nothing is retried until the generation, an input Secret, the connection
/// Secret's target or a reconcile request changes (docs/decisions/0021-terminal-failures.md).
/// </summary>
public sealed class FailurePolicy(
    ActivityRecorder activity,
    TerminalFailureMemory terminal,
    ReconcilerOptions options,
    ResyncSchedule resync)
{
    /// <summary>A failure about to be reported: its scrubbed message.</summary>
    public sealed record Failure(string Message, string? PreviousReason);

    /// <param name="resource">The resource as read.</param>
    /// <param name="problem">What failed.</param>
    /// <param name="inputs">The inputs resolved before the failure, if it got that far.</param>
    /// <param name="targetVersion">The resourceVersion of the Secret at the connection Secret's name (null: none).</param>
    public Failure Prepare(CpaasProject resource, ReconcileProblem problem, ResolvedInputs? inputs, string? targetVersion)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Category == ProblemCategory.InvalidInput && inputs is not null)
        {
            terminal.Record(resource, inputs, targetVersion);
        }

        return new Failure(Scrub(problem.Message, inputs), ConditionList.Find(resource.Status?.Conditions, WellKnownNames.ConditionTypes.Synced)?.Reason);
    }

    /// <summary>After the status is written: the event, the log line and the retry.</summary>
    public ReconcileResult Report(CpaasProject resource, ReconcileProblem problem, Failure failure)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(failure);
        activity.Failed(resource, problem, failure.Message, newReason: !string.Equals(failure.PreviousReason, problem.Reason, StringComparison.Ordinal));
        return problem.Category switch
        {
            ProblemCategory.InvalidInput => ReconcileResult.Terminal($"{problem.Reason}: {failure.Message}"),
            ProblemCategory.Credentials => ReconcileResult.RequeueAfter(options.CredentialsRetryInterval),
            ProblemCategory.NeedsPerson => ReconcileResult.RequeueAfter(resync.Next()),
            _ => problem.RetryAfter is { } delay ? ReconcileResult.RequeueAfter(delay) : ReconcileResult.Requeue,
        };
    }

    /// <summary>
    /// True when this generation, with these inputs and this connection Secret target, already failed terminally
    /// and no reconcile was requested since: nothing to do until one of them changes.
    /// </summary>
    public bool IsUnchangedSinceTerminalFailure(CpaasProject resource, ResolvedInputs inputs, k8s.Models.V1Secret? target)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return !ReconcileRequest.IsPending(resource) && terminal.IsUnchangedSinceFailure(resource, inputs, target?.Metadata?.ResourceVersion);
    }

    /// <summary>Another writer changed the resource (or a Secret appeared) since it was read.</summary>
    public void Conflict(string? reason) => activity.Conflict(reason);

    public void Forget(ObjectKey key) => terminal.Forget(key);

    /// <summary>Defence in depth: whatever a message says, no secret value this reconcile knows survives in it.</summary>
    private static string Scrub(string message, ResolvedInputs? inputs)
    {
        if (inputs is null)
        {
            return message;
        }

        foreach (var secret in inputs.AllSecretValues().Where(s => s.Length >= 4).OrderByDescending(s => s.Length))
        {
            message = message.Replace(secret, "***", StringComparison.Ordinal);
        }

        return message;
    }
}

using Controller.Runtime;
using Controller.Runtime.Client;
using Cpaas.Operator.Entities;

namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// Reports a failed reconcile (docs/RECONCILE.md, "Failures and retries"): Synced and Ready conditions, a Warning
/// event on each new reason, and the retry that fits its class. Invalid input ends in the runtime's
/// <see cref="TerminalReconcileException"/> (no retry until something changes; docs/decisions/0021-terminal-failures.md).
/// </summary>
public sealed class FailureReporter(
    StatusWriter status,
    ActivityRecorder activity,
    TerminalFailureMemory terminal,
    ReconcilerOptions options,
    ResyncSchedule resync)
{
    /// <exception cref="TerminalReconcileException">The problem is invalid input: only a change can fix it.</exception>
    public async Task<ReconcileResult> ReportAsync(CpaasProject resource, ReconcileProblem problem, ResolvedInputs? inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(problem);
        var isTerminal = problem.Category == ProblemCategory.InvalidInput;
        if (isTerminal && inputs is not null)
        {
            terminal.Record(resource, inputs);
        }

        var message = Scrub(problem.Message, inputs);
        var previousReason = ConditionList.Find(resource.Status?.Conditions, WellKnownNames.ConditionTypes.Synced)?.Reason;
        try
        {
            await status.WriteFailedAsync(resource, problem, message, cancellationToken);
        }
        catch (KubeApiException error) when (error.IsConflict || error.IsNotFound)
        {
            return ReconcileResult.Requeue;
        }

        activity.Failed(resource, problem, message, newReason: !string.Equals(previousReason, problem.Reason, StringComparison.Ordinal));
        return problem.Category switch
        {
            ProblemCategory.InvalidInput => throw new TerminalReconcileException($"{problem.Reason}: {message}"),
            ProblemCategory.Credentials => ReconcileResult.RequeueAfter(options.CredentialsRetryInterval),
            ProblemCategory.NeedsPerson => ReconcileResult.RequeueAfter(resync.Next()),
            _ => problem.RetryAfter is { } delay ? ReconcileResult.RequeueAfter(delay) : ReconcileResult.Requeue,
        };
    }

    /// <summary>True when this generation with these inputs already failed terminally: nothing to do until they change.</summary>
    public bool IsUnchangedSinceTerminalFailure(CpaasProject resource, ResolvedInputs inputs) => terminal.IsUnchangedSinceFailure(resource, inputs);

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

using Controller.Runtime;
using Controller.Runtime.Client;
using Controller.Runtime.Events;
using Cpaas.Operator.Entities;
using Microsoft.Extensions.Logging;

namespace Cpaas.Operator.Reconciliation;

// Failures become conditions, a Warning event on each new reason, and a retry that fits their class.
public sealed partial class CpaasProjectReconciler
{
    private async Task<ReconcileResult> ReportAsync(CpaasProject resource, ReconcileProblem problem, ResolvedInputs? resolved, CancellationToken cancellationToken)
    {
        var key = ObjectKey.From(resource);
        _ledger.Forget(key);
        if (problem.Category == ProblemCategory.InvalidInput && resolved is not null)
        {
            _ledger.RecordTerminal(key, resource.Metadata.Uid, resource.Metadata.Generation, InputFingerprint(resolved));
        }

        var message = Scrub(problem.Message, resolved);
        var previousReason = ConditionList.Find(resource.Status?.Conditions, WellKnownNames.ConditionTypes.Synced)?.Reason;
        try
        {
            await WriteStatusAsync(resource, WithProblem(resource, problem, message), cancellationToken);
        }
        catch (KubeApiException error) when (error.IsConflict || error.IsNotFound)
        {
            return ReconcileResult.Requeue;
        }

        if (!string.Equals(previousReason, problem.Reason, StringComparison.Ordinal))
        {
            _events.Warning(resource, problem.Reason, message, "Reconcile");
        }

        LogProblem(problem.Category, problem.Reason, message);
        return problem.Category switch
        {
            ProblemCategory.InvalidInput => ReconcileResult.Done,
            ProblemCategory.Credentials => ReconcileResult.RequeueAfter(_options.CredentialsRetryInterval),
            ProblemCategory.NeedsPerson => ReconcileResult.RequeueAfter(_schedule.Next()),
            _ => problem.RetryAfter is { } delay ? ReconcileResult.RequeueAfter(delay) : ReconcileResult.Requeue,
        };
    }

    /// <summary>Defence in depth: whatever a message says, no secret value this reconcile knows survives in it.</summary>
    private static string Scrub(string message, ResolvedInputs? resolved)
    {
        if (resolved is null)
        {
            return message;
        }

        foreach (var secret in resolved.AllSecretValues().Where(s => s.Length >= 4).OrderByDescending(s => s.Length))
        {
            message = message.Replace(secret, "***", StringComparison.Ordinal);
        }

        return message;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile failed ({Category}, {Reason}): {Message}")]
    private partial void LogProblem(ProblemCategory category, string reason, string message);
}

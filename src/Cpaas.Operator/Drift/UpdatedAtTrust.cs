using System.Collections.Concurrent;
using Cpaas.Client;

namespace Cpaas.Operator.Drift;

/// <summary>
/// Which accounts' <c>updated_at</c> proved unreliable (docs/decisions/0040-drift-sweep.md): the reconcile path
/// reports an account when a full observe found drift its project's updated_at did not show
/// (<see cref="Reconciliation.ProjectUpdatedAt"/>), and the <see cref="DriftSweeper"/> reads every page of such an
/// account from its next sweep on. Shared by both, it is built before either, which keeps the object graph free of
/// a reconciler/sweeper cycle (docs/decisions/0069-runnables-and-composition-root.md).
/// </summary>
public sealed class UpdatedAtTrust(DriftMetrics metrics)
{
    private readonly ConcurrentDictionary<(string BaseUrl, string ApiId), bool> _unreliable = new();

    /// <summary>A full observe found drift the sweep did not flag: counted, and the account is trusted no more.</summary>
    public void MarkUnreliable(CpaasAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        metrics.MissedDrift.WithLabels(DriftSweeper.AccountLabel(account)).Inc();
        _unreliable.TryAdd(Key(account), true);
    }

    /// <summary>True once a full observe found drift in the account that its updated_at did not show.</summary>
    public bool IsUnreliable(CpaasAccount account) =>
        _unreliable.ContainsKey(Key(account ?? throw new ArgumentNullException(nameof(account))));

    private static (string, string) Key(CpaasAccount account) => (account.BaseUrl.AbsoluteUri, account.ApiId);
}

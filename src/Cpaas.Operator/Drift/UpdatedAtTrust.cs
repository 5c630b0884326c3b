using System.Collections.Concurrent;
using Cpaas.Client;

namespace Cpaas.Operator.Drift;

/// <summary>
/// Which accounts' <c>updated_at</c> proved unreliable (docs/decisions/0040-drift-sweep.md): the reconcile path
/// reports an account when a full observe found drift its project's updated_at did not show
/// (<see cref="Reconciliation.ProjectUpdatedAt"/>), and the <see cref="DriftSweeper"/> reads every page of such an
/// account from its next sweep on. Shared by both, it is built before either, which keeps the object graph free of
/// a reconciler/sweeper cycle (docs/decisions/0069-runnables-and-composition-root.md). Trust comes back once
/// <paramref name="trustAfter"/> (one resync interval: every project had its full observe) passed with no further
/// report (docs/decisions/0042-sweep-checks-own-writes-and-regains-trust.md).
/// </summary>
public sealed class UpdatedAtTrust(DriftMetrics metrics, TimeProvider time, TimeSpan trustAfter)
{
    private readonly ConcurrentDictionary<(string BaseUrl, string ApiId), DateTimeOffset> _trustedAgainAt = new();

    /// <summary>How long after its last missed-drift report an account is trusted again.</summary>
    public TimeSpan TrustAfter => trustAfter;

    /// <summary>A full observe found drift the sweep did not flag: counted; the account is not trusted for a while.</summary>
    public void MarkUnreliable(CpaasAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        metrics.MissedDrift.WithLabels(DriftSweeper.AccountLabel(account)).Inc();
        _trustedAgainAt[Key(account)] = time.GetUtcNow() + trustAfter;
    }

    /// <summary>True while the last missed-drift report of the account is less than the trust window old.</summary>
    public bool IsUnreliable(CpaasAccount account) =>
        _trustedAgainAt.TryGetValue(Key(account ?? throw new ArgumentNullException(nameof(account))), out var trustedAgainAt) &&
        time.GetUtcNow() < trustedAgainAt;

    private static (string, string) Key(CpaasAccount account) => (account.BaseUrl.AbsoluteUri, account.ApiId);
}

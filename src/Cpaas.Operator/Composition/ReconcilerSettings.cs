namespace Cpaas.Operator.Composition;

/// <summary>The operator settings the reconciler's graph is built with.</summary>
public sealed record ReconcilerSettings(TimeSpan ResyncInterval, Uri CpaasBaseUrl)
{
    /// <summary>Each resync interval is the setting ± this fraction (see <see cref="Reconciliation.ResyncSchedule"/>).</summary>
    public double ResyncJitter { get; init; } = 0.1;

    /// <summary>Whether CpaasProjects of a namespace may use the operator's default account (--default-account-namespaces).</summary>
    public Func<string, bool> MayUseDefaultAccount { get; init; } = _ => true;
}

namespace Cpaas.Client;

/// <summary>
/// Which calls an account's rate budget serves first. High (the default): user changes and drift-sweep findings.
/// Low: periodic full observes, which may use only a share of the account's rate (see
/// <see cref="CpaasClientOptions.LowPriorityRateShare"/>) and wait behind high-priority calls, but are never starved.
/// </summary>
public enum CpaasPriority
{
    High = 0,
    Low = 1,
}

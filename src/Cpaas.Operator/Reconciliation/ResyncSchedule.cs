namespace Cpaas.Operator.Reconciliation;

/// <summary>
/// When each resource is next re-observed for drift. Intervals are jittered so that resources created together
/// drift apart, and a freshly started operator spreads the first checks of an already converged fleet uniformly
/// over one interval instead of observing every project at once.
/// </summary>
public sealed class ResyncSchedule(TimeSpan interval, double jitterFraction, Func<double> random)
{
    public TimeSpan Interval { get; } = interval;

    /// <summary>Delay until the next drift check after a successful observation: interval ± jitter.</summary>
    public TimeSpan Next() => Interval * (1 + (jitterFraction * ((2 * random()) - 1)));

    /// <summary>Delay of the first drift check for a resource already in sync when the operator starts: uniform over one interval.</summary>
    public TimeSpan FirstAfterStart() => Interval * random();
}

namespace Controller.Runtime.Informers;

/// <summary>
/// Exponential backoff with jitter (client-go's wait.Backoff as used by reflectors): each step doubles the base
/// delay up to a cap and adds up to <c>jitter</c> times the delay at random, so that many informers that lost the
/// API server at once do not come back in lockstep.
/// </summary>
public sealed class JitteredBackoff
{
    private readonly TimeSpan initial;
    private readonly TimeSpan max;
    private readonly double jitter;
    private readonly Func<double> random;
    private TimeSpan current;

    /// <param name="random">Returns a value in [0, 1); injected for deterministic tests.</param>
    public JitteredBackoff(TimeSpan initial, TimeSpan max, double jitter = 1.0, Func<double>? random = null)
    {
        if (initial <= TimeSpan.Zero || max < initial)
        {
            throw new ArgumentOutOfRangeException(nameof(initial), "Need 0 < initial <= max.");
        }

        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
        this.random = random ?? Random.Shared.NextDouble;
        current = initial;
    }

    /// <summary>Number of steps taken since the last reset.</summary>
    public int Attempts { get; private set; }

    public TimeSpan Next()
    {
        var delay = current;
        current = TimeSpan.FromTicks(Math.Min(current.Ticks * 2, max.Ticks));
        Attempts++;
        var jittered = delay + TimeSpan.FromTicks((long)(delay.Ticks * jitter * random()));
        return jittered > max ? max : jittered;
    }

    public void Reset()
    {
        current = initial;
        Attempts = 0;
    }
}

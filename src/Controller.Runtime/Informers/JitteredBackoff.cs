namespace Controller.Runtime.Informers;

/// <summary>
/// Exponential backoff with jitter (client-go's wait.Backoff as used by reflectors): each step doubles the base
/// delay up to a cap and adds up to <c>jitter</c> times the delay at random, so that many informers that lost the
/// API server at once do not come back in lockstep.
/// </summary>
public sealed class JitteredBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly double _jitter;
    private readonly Func<double> _random;
    private TimeSpan _current;

    /// <param name="random">Returns a value in [0, 1); injected for deterministic tests.</param>
    public JitteredBackoff(TimeSpan initial, TimeSpan max, double jitter = 1.0, Func<double>? random = null)
    {
        if (initial <= TimeSpan.Zero || max < initial)
        {
            throw new ArgumentOutOfRangeException(nameof(initial), "Need 0 < initial <= max.");
        }

        _initial = initial;
        _max = max;
        _jitter = jitter;
        _random = random ?? Random.Shared.NextDouble;
        _current = initial;
    }

    /// <summary>Number of steps taken since the last reset.</summary>
    public int Attempts { get; private set; }

    public TimeSpan Next()
    {
        var delay = _current;
        _current = TimeSpan.FromTicks(Math.Min(_current.Ticks * 2, _max.Ticks));
        Attempts++;
        var jittered = delay + TimeSpan.FromTicks((long)(delay.Ticks * _jitter * _random()));
        return jittered > _max ? _max : jittered;
    }

    public void Reset()
    {
        _current = _initial;
        Attempts = 0;
    }
}

namespace Controller.Runtime.Informers;

/// <summary>What a reflector does next.</summary>
public enum ReflectorStep
{
    /// <summary>List everything (first start, or after 410 Gone) and replace the cache's content.</summary>
    List,

    /// <summary>Watch from <see cref="ReflectorAction.ResourceVersion"/>.</summary>
    Watch,
}

/// <summary>The next step of a reflector and how long to wait before taking it.</summary>
public readonly record struct ReflectorAction(ReflectorStep Step, string? ResourceVersion, TimeSpan Delay);

/// <summary>Why a watch ended.</summary>
public enum WatchEnd
{
    /// <summary>The server closed the stream (its timeoutSeconds elapsed, or it dropped us cleanly).</summary>
    Closed,

    /// <summary>410 Gone / Expired: our resourceVersion is too old; only a relist helps.</summary>
    Gone,

    /// <summary>The connection failed or the server refused the watch.</summary>
    Failed,

    /// <summary>The watchdog saw nothing (not even a bookmark) for too long and cancelled the watch.</summary>
    Stalled,
}

/// <summary>
/// The reconnect logic of an informer's reflector, free of I/O so that it can be tested step by step:
/// list, then watch from the list's resourceVersion; keep the last resourceVersion seen (events and bookmarks);
/// on 410 relist; on a drop re-watch with jittered exponential backoff; never hot-loop on a server that closes
/// watches at once.
/// </summary>
public sealed class ReflectorStateMachine
{
    private readonly JitteredBackoff _backoff;
    private readonly TimeSpan _minHealthyWatch;
    private bool _progressInThisWatch;

    /// <param name="backoff">The delay source for failures.</param>
    /// <param name="minHealthyWatch">A watch closed by the server sooner than this with nothing delivered counts as a failure.</param>
    public ReflectorStateMachine(JitteredBackoff backoff, TimeSpan minHealthyWatch)
    {
        ArgumentNullException.ThrowIfNull(backoff);
        _backoff = backoff;
        _minHealthyWatch = minHealthyWatch;
    }

    /// <summary>The last resourceVersion seen (list, event or bookmark).</summary>
    public string? ResourceVersion { get; private set; }

    /// <summary>True when the last list succeeded and no failure has happened since the last progress.</summary>
    public bool Healthy { get; private set; }

    public static ReflectorAction Start() => new(ReflectorStep.List, null, TimeSpan.Zero);

    public ReflectorAction ListSucceeded(string? resourceVersion)
    {
        ResourceVersion = resourceVersion;
        _backoff.Reset();
        Healthy = true;
        _progressInThisWatch = false;
        return new ReflectorAction(ReflectorStep.Watch, ResourceVersion, TimeSpan.Zero);
    }

    public ReflectorAction ListFailed()
    {
        Healthy = false;
        return new ReflectorAction(ReflectorStep.List, null, _backoff.Next());
    }

    /// <summary>An event or bookmark arrived: remember its resourceVersion; the connection is proven good.</summary>
    public void Observed(string? resourceVersion)
    {
        if (!string.IsNullOrEmpty(resourceVersion))
        {
            ResourceVersion = resourceVersion;
        }

        _progressInThisWatch = true;
        Healthy = true;
        _backoff.Reset();
    }

    public ReflectorAction WatchEnded(WatchEnd end, TimeSpan watchDuration)
    {
        var progress = _progressInThisWatch;
        _progressInThisWatch = false;
        switch (end)
        {
            case WatchEnd.Closed when progress || watchDuration >= _minHealthyWatch:
                // The normal end of a watch (server timeout): continue where we were, at once.
                return new ReflectorAction(ReflectorStep.Watch, ResourceVersion, TimeSpan.Zero);
            case WatchEnd.Closed:
                // Closed immediately with nothing delivered: treat as a failure, or we would hammer the server.
                Healthy = false;
                return new ReflectorAction(ReflectorStep.Watch, ResourceVersion, _backoff.Next());
            case WatchEnd.Gone:
                Healthy = false;
                ResourceVersion = null;
                return new ReflectorAction(ReflectorStep.List, null, progress ? TimeSpan.Zero : _backoff.Next());
            case WatchEnd.Failed:
            case WatchEnd.Stalled:
                Healthy = false;
                return new ReflectorAction(ReflectorStep.Watch, ResourceVersion, _backoff.Next());
            default:
                throw new ArgumentOutOfRangeException(nameof(end), end, null);
        }
    }
}

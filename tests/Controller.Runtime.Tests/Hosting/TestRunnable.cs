using Controller.Runtime.Hosting;

namespace Controller.Runtime.Tests.Hosting;

/// <summary>A runnable that records each run: when it started, and whether its token was cancelled.</summary>
internal sealed class TestRunnable(string name, bool needsLeaderElection, Exception? failure = null) : IRunnable
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _runs;

    public string Name => name;

    public bool NeedsLeaderElection => needsLeaderElection;

    public int Runs => Volatile.Read(ref _runs);

    /// <summary>Completes when the current (or next) run starts.</summary>
    public Task Started
    {
        get
        {
            lock (_gate)
            {
                return _started.Task;
            }
        }
    }

    /// <summary>Completes when the current run's token is cancelled.</summary>
    public Task Cancelled
    {
        get
        {
            lock (_gate)
            {
                return _cancelled.Task;
            }
        }
    }

    /// <summary>Forgets the last run, so that <see cref="Started"/> and <see cref="Cancelled"/> wait for the next one.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        TaskCompletionSource started, cancelled;
        lock (_gate)
        {
            (started, cancelled) = (_started, _cancelled);
        }

        started.TrySetResult();
        if (failure is not null)
        {
            throw failure;
        }

        using var registration = cancellationToken.Register(() => cancelled.TrySetResult());
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
    }
}

namespace Controller.Runtime.Hosting;

/// <summary>
/// A runnable threw: the manager stops and <see cref="Manager.Completion"/> faults with this exception, so that the
/// process exits non-zero and Kubernetes restarts it (controller-runtime's manager returns the runnable's error from
/// Start). A runnable that can recover from a failure handles it itself.
/// </summary>
public sealed class RunnableFailedException : Exception
{
    public RunnableFailedException()
    {
    }

    public RunnableFailedException(string message)
        : base(message)
    {
    }

    public RunnableFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RunnableFailedException(string runnable, Exception innerException, bool leaderOnly)
        : base($"Runnable {runnable}{(leaderOnly ? " (leader only)" : string.Empty)} failed: {innerException?.GetType().Name}: {innerException?.Message}", innerException)
    {
        Runnable = runnable;
    }

    /// <summary>The failed runnable's <see cref="IRunnable.Name"/>.</summary>
    public string? Runnable { get; }
}

namespace Controller.Runtime.Hosting;

/// <summary>
/// Long-running work the <see cref="Manager"/> starts and stops with its own lifecycle (controller-runtime's
/// <c>manager.Runnable</c> and <c>LeaderElectionRunnable</c>): add it with <see cref="Manager.Add"/> before the
/// manager starts. Every runnable starts once every cache has synced. One that
/// <see cref="NeedsLeaderElection">needs leadership</see> runs only while this process leads: it starts when a term
/// begins and its token is cancelled when the term ends (leadership lost, or the manager stopping), so it may run
/// many times in one process. One that does not runs on every replica until the manager stops.
/// See docs/decisions/0069-runnables-and-composition-root.md.
/// </summary>
public interface IRunnable
{
    /// <summary>Names the runnable in logs and in the error that stops the manager when it fails.</summary>
    string Name { get; }

    /// <summary>True (the default): only the leader runs it. False: every replica runs it.</summary>
    bool NeedsLeaderElection => true;

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled, then returns (or throws
    /// <see cref="OperationCanceledException"/>). Returning earlier is allowed: the runnable is simply done. Any other
    /// exception is a failure that stops the manager (<see cref="RunnableFailedException"/>).
    /// </summary>
    Task RunAsync(CancellationToken cancellationToken);
}

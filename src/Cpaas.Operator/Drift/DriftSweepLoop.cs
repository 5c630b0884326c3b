using Controller.Runtime.Hosting;
using Cpaas.Client;
using Cpaas.Client.Errors;
using Microsoft.Extensions.Logging;

namespace Cpaas.Operator.Drift;

/// <summary>
/// Sweeps every account the shard uses, at once, every <see cref="DriftSweepOptions.Interval"/> (the first sweep at
/// start). One account's failure never stops the others. A leader-only runnable of the manager
/// (docs/decisions/0069-runnables-and-composition-root.md): it starts once the caches hold what this process manages
/// and this process leads, and its token is cancelled when the term ends, in the middle of a sweep if need be (an
/// unfinished sweep leaves the high-water mark where it was).
/// </summary>
public sealed partial class DriftSweepLoop(
    DriftSweeper sweeper,
    IManagedProjects managed,
    DriftSweepOptions options,
    TimeProvider time,
    ILogger<DriftSweepLoop> logger) : IRunnable
{
    public string Name => "drift-sweep";

    public bool NeedsLeaderElection => true;

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled (the term or the process ends).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Interval, time);
        try
        {
            do
            {
                await SweepAllAsync(cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One sweep of every account, concurrently (each account has its own rate budget).</summary>
    public async Task SweepAllAsync(CancellationToken cancellationToken)
    {
        var accounts = await managed.AccountsAsync(cancellationToken);
        await Task.WhenAll(accounts.Select(account => SweepOneAsync(account, cancellationToken)));
    }

    private async Task SweepOneAsync(CpaasAccount account, CancellationToken cancellationToken)
    {
        try
        {
            await sweeper.SweepAsync(account, cancellationToken);
        }
        catch (CpaasApiException error)
        {
            // The client has logged the failed request; this says what it cost: one sweep, retried at the next tick.
            LogSweepFailed(logger, DriftSweeper.AccountLabel(account), error.Kind, error.Code);
        }
    }

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Drift sweep of account {Account} failed ({ErrorKind}, result {ResultCode}); the next sweep starts from the last complete one")]
    private static partial void LogSweepFailed(ILogger logger, string account, CpaasErrorKind errorKind, string? resultCode);
}

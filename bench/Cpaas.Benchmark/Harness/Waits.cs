using Cpaas.Benchmark.Harness.Operator;

namespace Cpaas.Benchmark.Harness;

/// <summary>Waiting on an operator process: ready, idle, or a metric reaching a value; each bounded by a deadline.</summary>
public static class Waits
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>Until /readyz answers 200; returns the time from process start.</summary>
    public static async Task<TimeSpan> UntilReadyAsync(OperatorProcess process, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(process);
        return await UntilAsync(process, async token => await process.IsReadyAsync(token), timeout, "/readyz", ct);
    }

    /// <summary>Until the operator completed at least <paramref name="reconciles"/> reconciles; returns the time from process start.</summary>
    public static async Task<TimeSpan> UntilReconciledAsync(OperatorProcess process, double reconciles, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(process);
        return await UntilAsync(process, async token => (await process.ScrapeAsync(token)).ReconcilesCompleted() >= reconciles, timeout, $"{reconciles} reconciles", ct);
    }

    /// <summary>Until the work queue is empty and at least <paramref name="reconciles"/> reconciles completed.</summary>
    public static async Task<TimeSpan> UntilIdleAsync(OperatorProcess process, double reconciles, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(process);
        return await UntilAsync(process, async token =>
        {
            var samples = await process.ScrapeAsync(token);
            return samples.ReconcilesCompleted() >= reconciles && samples.WorkQueueDepth() == 0;
        }, timeout, "an idle work queue", ct);
    }

    private static async Task<TimeSpan> UntilAsync(OperatorProcess process, Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, string what, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The operator exited with {process.ExitCode} while waiting for {what}; log: {process.LogPath}");
                }

                try
                {
                    if (await condition(deadline.Token))
                    {
                        return System.Diagnostics.Stopwatch.GetElapsedTime(process.StartTimestamp);
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(Poll, deadline.Token); // Polling a process's endpoint: there is nothing to subscribe to.
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The operator did not reach {what} within {timeout}; log: {process.LogPath}");
        }
    }
}

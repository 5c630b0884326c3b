using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Controller.Runtime.LeaderElection;

/// <summary>
/// client-go's Lease-based leader election, on a <see cref="TimeProvider"/> (KubernetesClient's LeaderElector reads
/// the wall clock, which tests cannot drive). A candidate takes the lease when it is free or when its holder has not
/// renewed it for LeaseDuration as measured on this process's own clock (so clock skew between nodes does not
/// matter); the leader renews every RetryPeriod and steps down when it could not renew within RenewDeadline.
/// </summary>
public sealed class LeaderElector
{
    private readonly ILeaseStore store;
    private readonly LeaderElectionOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Func<double> random;
    private LeaseRecord? observedRecord;
    private long observedAt;
    private volatile bool isLeader;
    private volatile string? observedLeader;

    public LeaderElector(ILeaseStore store, LeaderElectionOptions options, TimeProvider? timeProvider = null, ILogger? logger = null, Func<double>? random = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.store = store;
        this.options = options;
        time = timeProvider ?? TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
        this.random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>Raised when the observed holder of the lease changes (null: nobody).</summary>
    public event Action<string?>? LeaderChanged;

    public string Identity => options.Identity;

    public bool IsLeader => isLeader;

    /// <summary>The holder last seen on the lease.</summary>
    public string? ObservedLeader => observedLeader;

    /// <summary>
    /// One term: waits until this candidate holds the lease, runs <paramref name="whileLeading"/>, and renews until
    /// <paramref name="cancellationToken"/> fires (returns false, after the work ended and the lease was released when
    /// configured) or renewal fails (returns true: leadership lost). The work gets two tokens: the first is cancelled
    /// when the term ends for any reason (stop taking work), the second only when leadership was lost (abandon
    /// in-flight work at once: another process may already be leading).
    /// </summary>
    public async Task<bool> RunOnceAsync(Func<CancellationToken, CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(whileLeading);
        if (!await AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        isLeader = true;
        logger.LogInformation("{Identity} became leader of lease {Namespace}/{Lease}", options.Identity, options.LeaseNamespace, options.LeaseName);
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var lostLease = new CancellationTokenSource();
        var work = Task.Run(() => whileLeading(leading.Token, lostLease.Token), CancellationToken.None);
        var lost = await RenewLoopAsync(cancellationToken).ConfigureAwait(false);
        isLeader = false;
        if (lost)
        {
            logger.LogWarning("{Identity} lost leadership of lease {Namespace}/{Lease}", options.Identity, options.LeaseNamespace, options.LeaseName);
            await lostLease.CancelAsync().ConfigureAwait(false);
        }

        await leading.CancelAsync().ConfigureAwait(false);
        try
        {
            await work.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected: leadership ended.
        }
#pragma warning disable CA1031 // The work's own failure is logged; the election outcome is what is returned.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogError(e, "The work run while leading failed");
        }

        if (!lost && options.ReleaseOnCancel)
        {
            await ReleaseAsync().ConfigureAwait(false);
        }

        return lost;
    }

    /// <summary>One attempt to take or renew the lease (client-go's tryAcquireOrRenew).</summary>
    internal async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var desired = new LeaseRecord(options.Identity, (int)Math.Ceiling(options.LeaseDuration.TotalSeconds), now, now, 0);
        var snapshot = await store.GetAsync(cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            if (!await store.TryCreateAsync(desired, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            Observe(desired);
            return true;
        }

        var current = snapshot.Record;
        if (current != observedRecord)
        {
            Observe(current);
        }

        var heldByOther = !string.IsNullOrEmpty(current.HolderIdentity) && current.HolderIdentity != options.Identity;
        if (heldByOther && time.GetElapsedTime(observedAt) < options.LeaseDuration)
        {
            return false;
        }

        desired = current.HolderIdentity == options.Identity
            ? desired with { AcquireTime = current.AcquireTime, LeaseTransitions = current.LeaseTransitions }
            : desired with { LeaseTransitions = current.LeaseTransitions + 1 };
        if (!await store.TryUpdateAsync(desired, snapshot.ResourceVersion, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        Observe(desired);
        return true;
    }

    private void Observe(LeaseRecord record)
    {
        observedRecord = record;
        observedAt = time.GetTimestamp();
        var holder = string.IsNullOrEmpty(record.HolderIdentity) ? null : record.HolderIdentity;
        if (holder != observedLeader)
        {
            observedLeader = holder;
            LeaderChanged?.Invoke(holder);
        }
    }

    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false))
                {
                    return true;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return false;
            }
#pragma warning disable CA1031 // API failures while campaigning are retried.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning(e, "Could not read or take lease {Namespace}/{Lease}", options.LeaseNamespace, options.LeaseName);
            }

            // client-go's JitterUntil with factor 1.2: candidates do not retry in lockstep.
            var delay = options.RetryPeriod + TimeSpan.FromTicks((long)(options.RetryPeriod.Ticks * 1.2 * random()));
            try
            {
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Renews until cancelled (false) or until a renewal could not succeed within RenewDeadline (true).</summary>
    private async Task<bool> RenewLoopAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await Task.Delay(options.RetryPeriod, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            using var deadline = new CancellationTokenSource(options.RenewDeadline, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            while (true)
            {
                try
                {
                    if (await TryAcquireOrRenewAsync(linked.Token).ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return false;
                }
                catch (OperationCanceledException)
                {
                    // RenewDeadline passed during the call.
                    return true;
                }
#pragma warning disable CA1031 // A failed renewal is retried until the deadline.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    logger.LogWarning(e, "Could not renew lease {Namespace}/{Lease}", options.LeaseNamespace, options.LeaseName);
                }

                // Wait before the next try, also after a fast failure (connection refused): never spin.
                try
                {
                    await Task.Delay(options.RetryPeriod, time, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return false;
                }
                catch (OperationCanceledException)
                {
                    return true;
                }
            }
        }
    }

    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(options.RenewDeadline, time);
        try
        {
            var snapshot = await store.GetAsync(timeout.Token).ConfigureAwait(false);
            if (snapshot is null || snapshot.Record.HolderIdentity != options.Identity)
            {
                return;
            }

            var now = time.GetUtcNow();
            var released = snapshot.Record with { HolderIdentity = null, LeaseDurationSeconds = 1, RenewTime = now, AcquireTime = now };
            if (await store.TryUpdateAsync(released, snapshot.ResourceVersion, timeout.Token).ConfigureAwait(false))
            {
                Observe(released);
                logger.LogInformation("{Identity} released lease {Namespace}/{Lease}", options.Identity, options.LeaseNamespace, options.LeaseName);
            }
        }
#pragma warning disable CA1031 // Releasing is a courtesy; the lease expires anyway.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "Could not release lease {Namespace}/{Lease}", options.LeaseNamespace, options.LeaseName);
        }
    }
}

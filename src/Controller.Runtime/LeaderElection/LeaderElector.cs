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
    private readonly ILeaseStore _store;
    private readonly LeaderElectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<double> _random;
    private LeaseRecord? _observedRecord;
    private long _observedAt;
    private volatile bool _isLeader;
    private volatile string? _observedLeader;

    public LeaderElector(ILeaseStore store, LeaderElectionOptions options, TimeProvider? timeProvider = null, ILogger? logger = null, Func<double>? random = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _store = store;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>Raised when the observed holder of the lease changes (null: nobody).</summary>
    public event Action<string?>? LeaderChanged;

    public string Identity => _options.Identity;

    public bool IsLeader => _isLeader;

    /// <summary>The holder last seen on the lease.</summary>
    public string? ObservedLeader => _observedLeader;

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
        if (!await AcquireAsync(cancellationToken))
        {
            return false;
        }

        _isLeader = true;
        _logger.LogInformation("{Identity} became leader of lease {Namespace}/{Lease}", _options.Identity, _options.LeaseNamespace, _options.LeaseName);
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var lostLease = new CancellationTokenSource();
        var work = Task.Run(() => whileLeading(leading.Token, lostLease.Token), CancellationToken.None);
        var lost = await RenewLoopAsync(cancellationToken);
        _isLeader = false;
        if (lost)
        {
            _logger.LogWarning("{Identity} lost leadership of lease {Namespace}/{Lease}", _options.Identity, _options.LeaseNamespace, _options.LeaseName);
            await lostLease.CancelAsync();
        }

        await leading.CancelAsync();
        try
        {
            await work;
        }
        catch (OperationCanceledException)
        {
            // Expected: leadership ended.
        }
#pragma warning disable CA1031 // The work's own failure is logged; the election outcome is what is returned.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.LogError(e, "The work run while leading failed");
        }

        if (!lost && _options.ReleaseOnCancel)
        {
            await ReleaseAsync();
        }

        return lost;
    }

    /// <summary>One attempt to take or renew the lease (client-go's tryAcquireOrRenew).</summary>
    internal async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var desired = new LeaseRecord(_options.Identity, (int)Math.Ceiling(_options.LeaseDuration.TotalSeconds), now, now, 0);
        var snapshot = await _store.GetAsync(cancellationToken);
        if (snapshot is null)
        {
            if (!await _store.TryCreateAsync(desired, cancellationToken))
            {
                return false;
            }

            Observe(desired);
            return true;
        }

        var current = snapshot.Record;
        if (current != _observedRecord)
        {
            Observe(current);
        }

        var heldByOther = !string.IsNullOrEmpty(current.HolderIdentity) && current.HolderIdentity != _options.Identity;
        if (heldByOther && _time.GetElapsedTime(_observedAt) < _options.LeaseDuration)
        {
            return false;
        }

        desired = current.HolderIdentity == _options.Identity
            ? desired with { AcquireTime = current.AcquireTime, LeaseTransitions = current.LeaseTransitions }
            : desired with { LeaseTransitions = current.LeaseTransitions + 1 };
        if (!await _store.TryUpdateAsync(desired, snapshot.ResourceVersion, cancellationToken))
        {
            return false;
        }

        Observe(desired);
        return true;
    }

    private void Observe(LeaseRecord record)
    {
        _observedRecord = record;
        _observedAt = _time.GetTimestamp();
        var holder = string.IsNullOrEmpty(record.HolderIdentity) ? null : record.HolderIdentity;
        if (holder != _observedLeader)
        {
            _observedLeader = holder;
            LeaderChanged?.Invoke(holder);
        }
    }

    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await TryAcquireOrRenewAsync(cancellationToken))
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
                _logger.LogWarning(e, "Could not read or take lease {Namespace}/{Lease}", _options.LeaseNamespace, _options.LeaseName);
            }

            // client-go's JitterUntil with factor 1.2: candidates do not retry in lockstep.
            var delay = _options.RetryPeriod + TimeSpan.FromTicks((long)(_options.RetryPeriod.Ticks * 1.2 * _random()));
            try
            {
                await Task.Delay(delay, _time, cancellationToken);
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
                await Task.Delay(_options.RetryPeriod, _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            using var deadline = new CancellationTokenSource(_options.RenewDeadline, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            while (true)
            {
                try
                {
                    if (await TryAcquireOrRenewAsync(linked.Token))
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
                    _logger.LogWarning(e, "Could not renew lease {Namespace}/{Lease}", _options.LeaseNamespace, _options.LeaseName);
                }

                // Wait before the next try, also after a fast failure (connection refused): never spin.
                try
                {
                    await Task.Delay(_options.RetryPeriod, _time, linked.Token);
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
        using var timeout = new CancellationTokenSource(_options.RenewDeadline, _time);
        try
        {
            var snapshot = await _store.GetAsync(timeout.Token);
            if (snapshot is null || snapshot.Record.HolderIdentity != _options.Identity)
            {
                return;
            }

            var now = _time.GetUtcNow();
            var released = snapshot.Record with { HolderIdentity = null, LeaseDurationSeconds = 1, RenewTime = now, AcquireTime = now };
            if (await _store.TryUpdateAsync(released, snapshot.ResourceVersion, timeout.Token))
            {
                Observe(released);
                _logger.LogInformation("{Identity} released lease {Namespace}/{Lease}", _options.Identity, _options.LeaseNamespace, _options.LeaseName);
            }
        }
#pragma warning disable CA1031 // Releasing is a courtesy; the lease expires anyway.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.LogWarning(e, "Could not release lease {Namespace}/{Lease}", _options.LeaseNamespace, _options.LeaseName);
        }
    }
}

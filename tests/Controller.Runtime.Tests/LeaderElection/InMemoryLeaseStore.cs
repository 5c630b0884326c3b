using System.Globalization;
using Controller.Runtime.LeaderElection;

namespace Controller.Runtime.Tests.LeaderElection;

/// <summary>A lease with optimistic concurrency, in memory; can be made to fail like an unreachable API.</summary>
internal sealed class InMemoryLeaseStore : ILeaseStore
{
    private readonly Lock gate = new();
    private LeaseSnapshot? current;
    private int version;

    public volatile bool Unreachable;

    public LeaseRecord? Record
    {
        get
        {
            lock (gate)
            {
                return current?.Record;
            }
        }
    }

    public void Put(LeaseRecord record)
    {
        lock (gate)
        {
            current = new LeaseSnapshot(record, (++version).ToString(CultureInfo.InvariantCulture));
        }
    }

    public Task<LeaseSnapshot?> GetAsync(CancellationToken cancellationToken)
    {
        ThrowIfUnreachable();
        lock (gate)
        {
            return Task.FromResult(current);
        }
    }

    public Task<bool> TryCreateAsync(LeaseRecord record, CancellationToken cancellationToken)
    {
        ThrowIfUnreachable();
        lock (gate)
        {
            if (current is not null)
            {
                return Task.FromResult(false);
            }

            current = new LeaseSnapshot(record, (++version).ToString(CultureInfo.InvariantCulture));
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryUpdateAsync(LeaseRecord record, string resourceVersion, CancellationToken cancellationToken)
    {
        ThrowIfUnreachable();
        lock (gate)
        {
            if (current is null || current.ResourceVersion != resourceVersion)
            {
                return Task.FromResult(false);
            }

            current = new LeaseSnapshot(record, (++version).ToString(CultureInfo.InvariantCulture));
            return Task.FromResult(true);
        }
    }

    private void ThrowIfUnreachable()
    {
        if (Unreachable)
        {
            throw new HttpRequestException("connection refused");
        }
    }
}

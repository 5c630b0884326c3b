using System.Globalization;
using Controller.Runtime.LeaderElection;

namespace Controller.Runtime.Tests.LeaderElection;

/// <summary>A lease with optimistic concurrency, in memory; can be made to fail like an unreachable API.</summary>
internal sealed class InMemoryLeaseStore : ILeaseStore
{
    private readonly Lock _gate = new();
    private LeaseSnapshot? _current;
    private int _version;

    public volatile bool Unreachable;

    public LeaseRecord? Record
    {
        get
        {
            lock (_gate)
            {
                return _current?.Record;
            }
        }
    }

    public void Put(LeaseRecord record)
    {
        lock (_gate)
        {
            _current = new LeaseSnapshot(record, (++_version).ToString(CultureInfo.InvariantCulture));
        }
    }

    public Task<LeaseSnapshot?> GetAsync(CancellationToken cancellationToken)
    {
        ThrowIfUnreachable();
        lock (_gate)
        {
            return Task.FromResult(_current);
        }
    }

    public Task<bool> TryCreateAsync(LeaseRecord record, CancellationToken cancellationToken)
    {
        ThrowIfUnreachable();
        lock (_gate)
        {
            if (_current is not null)
            {
                return Task.FromResult(false);
            }

            _current = new LeaseSnapshot(record, (++_version).ToString(CultureInfo.InvariantCulture));
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryUpdateAsync(LeaseRecord record, string resourceVersion, CancellationToken cancellationToken)
    {
        ThrowIfUnreachable();
        lock (_gate)
        {
            if (_current is null || _current.ResourceVersion != resourceVersion)
            {
                return Task.FromResult(false);
            }

            _current = new LeaseSnapshot(record, (++_version).ToString(CultureInfo.InvariantCulture));
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

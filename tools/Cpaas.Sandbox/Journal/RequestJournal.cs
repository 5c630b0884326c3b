using Cpaas.Sandbox.Api;

namespace Cpaas.Sandbox.Journal;

/// <summary>
/// Every request the API received, in arrival-completion order, with counters that survive the capacity limit.
/// An entry is recorded before its response is sent, so a caller that got an answer finds its entry already here.
/// </summary>
public sealed class RequestJournal
{
    private readonly Lock _gate = new();
    private readonly LinkedList<JournalEntry> _entries = new();
    private readonly LinkedList<OutOfBandChange> _outOfBand = new();
    private readonly Dictionary<SandboxOperation, int> _byOperation = [];
    private readonly Dictionary<int, int> _byStatus = [];
    private readonly Dictionary<string, int> _byAccount = new(StringComparer.Ordinal);
    private readonly int _capacity;
    private long _sequence;
    private TaskCompletionSource _changed = NewSignal();

    internal RequestJournal(int capacity) => _capacity = Math.Max(1, capacity);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public IReadOnlyList<JournalEntry> Entries()
    {
        lock (_gate)
        {
            return [.. _entries];
        }
    }

    /// <summary>Changes made out of band (not API calls), oldest first.</summary>
    public IReadOnlyList<OutOfBandChange> OutOfBandChanges(long sinceSequence = 0)
    {
        lock (_gate)
        {
            return _outOfBand.Where(c => c.Sequence > sinceSequence).ToList();
        }
    }

    /// <summary>Entries with a sequence number greater than <paramref name="sequence"/>.</summary>
    public IReadOnlyList<JournalEntry> Since(long sequence)
    {
        lock (_gate)
        {
            return _entries.Where(e => e.Sequence > sequence).ToList();
        }
    }

    /// <summary>How many requests of this operation were recorded since the last <see cref="Clear"/>.</summary>
    public int CountOf(SandboxOperation operation)
    {
        lock (_gate)
        {
            return _byOperation.GetValueOrDefault(operation);
        }
    }

    public IReadOnlyDictionary<SandboxOperation, int> CountsByOperation()
    {
        lock (_gate)
        {
            return new Dictionary<SandboxOperation, int>(_byOperation);
        }
    }

    public IReadOnlyDictionary<int, int> CountsByStatus()
    {
        lock (_gate)
        {
            return new Dictionary<int, int>(_byStatus);
        }
    }

    public IReadOnlyDictionary<string, int> CountsByAccount()
    {
        lock (_gate)
        {
            return new Dictionary<string, int>(_byAccount, StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// The most requests one account made within any window of the given length (by arrival time): how a test
    /// checks that a client's rate limit held.
    /// </summary>
    public int PeakRequestsWithin(string apiId, TimeSpan window)
    {
        var times = Entries().Where(e => e.ApiId == apiId).Select(e => e.Time).Order().ToList();
        var peak = 0;
        var start = 0;
        for (var end = 0; end < times.Count; end++)
        {
            while (times[end] - times[start] >= window)
            {
                start++;
            }

            peak = Math.Max(peak, end - start + 1);
        }

        return peak;
    }

    /// <summary>Waits until the entries satisfy <paramref name="condition"/> (checked on every new entry).</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<JournalEntry>, bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (condition([.. _entries]))
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _outOfBand.Clear();
            _byOperation.Clear();
            _byStatus.Clear();
            _byAccount.Clear();
            Signal();
        }
    }

    internal JournalEntry Record(JournalEntry entry)
    {
        lock (_gate)
        {
            var recorded = entry with { Sequence = ++_sequence };
            _entries.AddLast(recorded);
            while (_entries.Count > _capacity)
            {
                _entries.RemoveFirst();
            }

            _byOperation[entry.Operation] = _byOperation.GetValueOrDefault(entry.Operation) + 1;
            _byStatus[entry.Status] = _byStatus.GetValueOrDefault(entry.Status) + 1;
            if (entry.ApiId is not null)
            {
                _byAccount[entry.ApiId] = _byAccount.GetValueOrDefault(entry.ApiId) + 1;
            }

            Signal();
            return recorded;
        }
    }

    internal OutOfBandChange RecordOutOfBand(OutOfBandChange change)
    {
        lock (_gate)
        {
            var recorded = change with { Sequence = ++_sequence };
            _outOfBand.AddLast(recorded);
            while (_outOfBand.Count > _capacity)
            {
                _outOfBand.RemoveFirst();
            }

            Signal();
            return recorded;
        }
    }

    private void Signal()
    {
        _changed.TrySetResult();
        _changed = NewSignal();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

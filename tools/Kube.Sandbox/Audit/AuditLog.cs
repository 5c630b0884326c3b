using System.Text;
using System.Text.Json;
using Kube.Sandbox.Storage;

namespace Kube.Sandbox.Audit;

/// <summary>
/// The sandbox's audit log: every request as an <see cref="AuditEvent"/> (ResponseComplete; watches also
/// ResponseStarted), kept in memory for tests (the newest <see cref="Capacity"/>) and, with a path, appended to a file
/// as kube-apiserver's --audit-log-path writes it: one JSON object per line, flushed per line.
/// </summary>
public sealed class AuditLog : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Queue<AuditEvent> _events = new();
    private StreamWriter? _file;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _dropped;

    public AuditLog(string? path, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        Path = path is null ? null : System.IO.Path.GetFullPath(path);
        if (Path is not null)
        {
            if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }

            _file = new StreamWriter(new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), new UTF8Encoding(false)) { AutoFlush = true };
        }
    }

    /// <summary>The file events are appended to; null when they are kept in memory only.</summary>
    public string? Path { get; }

    /// <summary>How many events are kept in memory; older ones are dropped (the file keeps everything).</summary>
    public int Capacity { get; }

    /// <summary>Events dropped from memory because more than <see cref="Capacity"/> were recorded.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    internal void Record(AuditEvent auditEvent)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _events.Enqueue(auditEvent);
            if (_events.Count > Capacity)
            {
                _events.Dequeue();
                _dropped++;
            }

            _file?.WriteLine(JsonSerializer.Serialize(auditEvent.ToJson(), JsonWire.Options));
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>The events kept, oldest first.</summary>
    public IReadOnlyList<AuditEvent> Events()
    {
        lock (_gate)
        {
            return [.. _events];
        }
    }

    /// <summary>
    /// Completes when <paramref name="condition"/> holds over the kept events, re-checked after every new event
    /// (an event is recorded just after its response is written, so a client may see the answer first). Cancel with a deadline.
    /// </summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<AuditEvent>, bool> condition, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(condition);
        while (true)
        {
            Task next;
            lock (_gate)
            {
                next = _changed.Task;
            }

            if (condition(Events()))
            {
                return;
            }

            await next.WaitAsync(ct);
        }
    }

    /// <summary>Forgets the kept events (the file is not touched).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _events.Clear();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
            _file = null;
        }
    }
}

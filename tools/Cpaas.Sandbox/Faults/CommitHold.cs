using Cpaas.Sandbox.Api;

namespace Cpaas.Sandbox.Faults;

/// <summary>
/// A gate after the commit point: matching requests change the store, then wait here until <see cref="Release"/>
/// (or the sandbox stops) before their response is sent. Lets a test stop a caller between commit and response.
/// Disposing releases.
/// </summary>
public sealed class CommitHold : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<CommitHold> _onRelease;
    private TaskCompletionSource _heldChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    internal CommitHold(IReadOnlySet<SandboxOperation> operations, Action<CommitHold> onRelease)
    {
        Operations = operations;
        _onRelease = onRelease;
    }

    public IReadOnlySet<SandboxOperation> Operations { get; }

    /// <summary>How many requests have reached the gate (committed) so far.</summary>
    public int HeldCount
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    public bool IsReleased => _released.Task.IsCompleted;

    /// <summary>Waits until at least <paramref name="count"/> requests have committed and are held.</summary>
    public async Task WaitUntilHeldAsync(int count = 1, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_held >= count)
                {
                    return;
                }

                changed = _heldChanged.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Lets every held request (and any later one) answer; the hold is removed from the faults.</summary>
    public void Release()
    {
        if (_released.TrySetResult())
        {
            _onRelease(this);
        }
    }

    public void Dispose() => Release();

    internal async Task HoldAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _held++;
            _heldChanged.TrySetResult();
            _heldChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        await _released.Task.WaitAsync(cancellationToken);
    }
}

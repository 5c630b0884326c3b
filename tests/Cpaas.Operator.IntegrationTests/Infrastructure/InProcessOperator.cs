using Cpaas.Operator.Hosting;

namespace Cpaas.Operator.IntegrationTests.Infrastructure;

/// <summary>
/// The operator's process entry (<see cref="OperatorHost.RunAsync"/>) running on the thread pool of the test process,
/// with its own environment, flags and a <see cref="LogCapture"/> for every log record. Disposing stops it the way
/// SIGTERM does and waits for it to finish.
/// </summary>
public sealed class InProcessOperator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _exited = new();

    private InProcessOperator(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, LogCapture logs)
    {
        Args = args;
        Logs = logs;
        Run = Task.Run(async () =>
        {
            try
            {
                return await OperatorHost.RunAsync(args, name => environment.GetValueOrDefault(name), _stopping.Token, logs);
            }
            finally
            {
                await _exited.CancelAsync();
            }
        });
    }

    public IReadOnlyList<string> Args { get; }

    public LogCapture Logs { get; }

    /// <summary>The host's run; completes with its exit code.</summary>
    public Task<int> Run { get; }

    /// <summary>Cancelled when the host has returned (on its own or after <see cref="DisposeAsync"/>).</summary>
    public CancellationToken Exited => _exited.Token;

    public static InProcessOperator Start(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, LogCapture logs) =>
        new(args, environment, logs);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await Run.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            // A host that does not stop is a failure of its own test (graceful shutdown); do not hang the others.
        }

        _stopping.Dispose();
    }
}

using System.Net;
using System.Net.Sockets;
using Cpaas.Operator.Hosting;

namespace Quickstart.Operator;

/// <summary>
/// The operator's real entry point (<see cref="OperatorHost.RunAsync"/>) running inside the quickstart process.
/// The operator logs to the console as it does in a cluster; here the terminal belongs to the quickstart's progress,
/// so the console goes to the log file while the operator runs (the quickstart writes to the writer it was given).
/// </summary>
internal sealed class InProcessOperator : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stopping;
    private readonly TextWriter _previousConsole;
    private readonly StreamWriter _log;
    private int _stopped;

    private InProcessOperator(OperatorLaunch launch, CancellationTokenSource stopping, TextWriter previousConsole, StreamWriter log, Task<int> completion)
    {
        Launch = launch;
        _stopping = stopping;
        _previousConsole = previousConsole;
        _log = log;
        Completion = completion;
    }

    public OperatorLaunch Launch { get; }

    /// <summary>The operator's exit code, when it stops (on its own: a fatal error).</summary>
    public Task<int> Completion { get; }

    public static InProcessOperator Start(OperatorLaunch launch)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var log = new StreamWriter(launch.LogPath, append: false) { AutoFlush = true };
        var previous = Console.Out;
        Console.SetOut(log);
        var stopping = new CancellationTokenSource();

        // No environment: the flags are the whole configuration (a CPAAS_API_KEY or KUBECONFIG in the user's shell must not leak in).
        var completion = Task.Run(() => OperatorHost.RunAsync(launch.Arguments(), static _ => null, stopping.Token), CancellationToken.None);
        return new InProcessOperator(launch, stopping, previous, log, completion);
    }

    /// <summary>A free loopback port for the operator's probes (released at once; the operator binds it right after).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Graceful stop: the operator stops taking work and finishes in-flight reconciles. Returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _stopping.CancelAsync();
        }

        try
        {
            return await Completion.WaitAsync(ShutdownTimeout);
        }
        catch (TimeoutException)
        {
            return -1;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Console.SetOut(_previousConsole);
        await _log.DisposeAsync();
        _stopping.Dispose();
    }
}

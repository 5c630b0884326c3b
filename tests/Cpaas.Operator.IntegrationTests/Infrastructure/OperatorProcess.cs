using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cpaas.Operator.IntegrationTests.Infrastructure;

/// <summary>
/// The operator as a separate, real process: <c>dotnet cpaas-operator.dll FLAGS</c> from the test's output folder,
/// with an explicit environment (no KUBECONFIG or in-cluster variables inherited). Kill() ends it at once, the way a
/// node failure or OOM kill would; its output lines are kept for diagnosis.
/// </summary>
public sealed class OperatorProcess : IAsyncDisposable
{
    private static readonly string[] InheritedVariablesToDrop =
        ["KUBECONFIG", "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT", "CPAAS_API_ID", "CPAAS_API_KEY", "CPAAS_BASE_URL", "POD_NAME", "POD_NAMESPACE"];

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private OperatorProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> Output => [.. _output];

    public static string OperatorAssemblyPath => Path.Combine(AppContext.BaseDirectory, "cpaas-operator.dll");

    public static OperatorProcess Start(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(OperatorAssemblyPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in InheritedVariablesToDrop)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var running = new OperatorProcess(process);
        process.OutputDataReceived += (_, e) => running.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => running.Keep(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("dotnet did not start");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Ends the process and its children immediately (no graceful shutdown) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _process.WaitForExitAsync(deadline.Token);
    }

    public string OutputTail(int count = 60) => string.Join('\n', Output.TakeLast(count));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}

using System.Runtime.InteropServices;

namespace Quickstart;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var stopping = new CancellationTokenSource();
        var signals = 0;
        void Stop(PosixSignalContext context)
        {
            // The first Ctrl+C / SIGTERM shuts down cleanly; a second one ends the process at once.
            if (Interlocked.Increment(ref signals) == 1)
            {
                context.Cancel = true;
                stopping.Cancel();
            }
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        return await QuickstartCommand.RunAsync(args, Environment.CurrentDirectory, Console.Out, Console.Error, stopping.Token);
    }
}

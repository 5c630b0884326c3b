using System.Runtime.InteropServices;
using Cpaas.Operator.Crds;
using Cpaas.Operator.Hosting;

namespace Cpaas.Operator;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == GenerateCrdsCommand.Name)
        {
            return GenerateCrdsCommand.Run(args[1..], Console.Out, Console.Error);
        }

        using var stopping = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            // Graceful: stop taking work, let in-flight reconciles finish, release the lease.
            context.Cancel = true;
            stopping.Cancel();
        }

        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        return await OperatorHost.RunAsync(args, Environment.GetEnvironmentVariable, stopping.Token, ownsProcess: true);
    }
}

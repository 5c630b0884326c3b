namespace Cpaas.Sandbox;

internal static class Program
{
    public static Task<int> Main(string[] args) => CommandLine.SandboxCommand.RunAsync(args, Console.Out, Console.Error);
}

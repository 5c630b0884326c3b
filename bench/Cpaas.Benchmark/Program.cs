namespace Cpaas.Benchmark;

internal static class Program
{
    public static int Main()
    {
        Console.Error.WriteLine("benchmark: not implemented yet");
        return 1;
    }
}

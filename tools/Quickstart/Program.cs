namespace Quickstart;

internal static class Program
{
    public static int Main()
    {
        Console.Error.WriteLine("quickstart: not implemented yet");
        return 1;
    }
}

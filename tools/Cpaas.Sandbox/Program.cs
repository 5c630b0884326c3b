namespace Cpaas.Sandbox;

internal static class Program
{
    public static int Main()
    {
        Console.Error.WriteLine("Cpaas.Sandbox: not implemented yet");
        return 1;
    }
}
